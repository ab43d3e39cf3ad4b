// SPDX-License-Identifier: GPL-2.0-only
#include "storm.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *const storm_mode_names[STORM_MODE_COUNT] = {
	[STORM_MODE_ENOENT] = "enoent",
	[STORM_MODE_CREATE] = "create",
	[STORM_MODE_OTHER] = "other",
	[STORM_MODE_OTHER_REMOTE] = "other_remote",
	[STORM_MODE_CHURN] = "churn",
};

unsigned storm_mode_unlinks(enum storm_mode mode)
{
	return mode == STORM_MODE_OTHER || mode == STORM_MODE_OTHER_REMOTE ? 0 : 1;
}

/*
 * The loops below are what gets measured: per iteration only the
 * syscalls, a loop-invariant NULL test and one relaxed load. unlinkat()
 * with flags 0 (not unlink(), whose syscall sys_enter_unlinkat never
 * sees; not AT_REMOVEDIR, which goes to do_rmdir instead of do_unlinkat).
 */

static inline bool stopped(const _Atomic bool *stop)
{
	return stop && atomic_load_explicit(stop, memory_order_relaxed);
}

static int loop_enoent(int dirfd, uint64_t n, const _Atomic bool *stop,
		       uint64_t *done)
{
	uint64_t i;
	int err = 0;

	for (i = 0; i < n && !stopped(stop); i++) {
		if (unlinkat(dirfd, STORM_ENOENT_NAME, 0) == 0) {
			err = -EEXIST;
			break;
		}
		if (errno != ENOENT) {
			err = -errno;
			break;
		}
	}
	*done = i;
	return err;
}

static int loop_create(int dirfd, uint64_t n, const _Atomic bool *stop,
		       uint64_t *done)
{
	uint64_t i;
	int err = 0;

	for (i = 0; i < n && !stopped(stop); i++) {
		/* O_EXCL|O_NOFOLLOW: never open, and so never remove, what we did not create. */
		int fd = openat(dirfd, STORM_CREATE_NAME,
				O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC,
				0600);

		if (fd < 0) {
			err = -errno;
			break;
		}
		if (close(fd))
			err = -errno;
		/* Remove the file even when close() failed: it is ours. */
		if (unlinkat(dirfd, STORM_CREATE_NAME, 0)) {
			err = -errno;
			break;
		}
		if (err)
			break;
	}
	*done = i;
	return err;
}

/*
 * getppid() is about the cheapest syscall there is: no side effect, no
 * argument, no vDSO shortcut (clock_gettime() has one) and no libc cache
 * (glibc cached getpid() until 2.25); syscall() makes sure of the last.
 * So what a hook adds to it stands out.
 */
static int loop_other(uint64_t n, const _Atomic bool *stop, uint64_t *done)
{
	uint64_t i;

	for (i = 0; i < n && !stopped(stop); i++)
		syscall(SYS_getppid);
	*done = i;
	return 0;
}

/* One short file life; the file is removed on every path once it was created. */
static int churn_once(int dirfd)
{
	static const char bytes[STORM_CHURN_BYTES] = "hookbnc";
	struct stat st;
	int fd, err = 0;

	/* O_EXCL|O_NOFOLLOW: never open, and so never remove, what we did not create. */
	fd = openat(dirfd, STORM_CREATE_NAME, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return -errno;
	if (write(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes))
		err = errno ? -errno : -EIO;
	if (close(fd) && !err)
		err = -errno;
	if (fstatat(dirfd, STORM_CREATE_NAME, &st, AT_SYMLINK_NOFOLLOW) && !err)
		err = -errno;
	if (unlinkat(dirfd, STORM_CREATE_NAME, 0) && !err)
		err = -errno;
	return err;
}

static int loop_churn(int dirfd, uint64_t n, const _Atomic bool *stop, uint64_t *done)
{
	uint64_t i;
	int err = 0;

	for (i = 0; i < n && !stopped(stop); i++) {
		err = churn_once(dirfd);
		if (err)
			break;
	}
	*done = i;
	return err;
}

int storm_loop(enum storm_mode mode, int dirfd, uint64_t n,
	       const _Atomic bool *stop, uint64_t *done)
{
	uint64_t count = 0;
	int err;

	switch (mode) {
	case STORM_MODE_ENOENT:
		err = loop_enoent(dirfd, n, stop, &count);
		break;
	case STORM_MODE_CREATE:
		err = loop_create(dirfd, n, stop, &count);
		break;
	case STORM_MODE_OTHER:
	case STORM_MODE_OTHER_REMOTE:
		err = loop_other(n, stop, &count);
		break;
	case STORM_MODE_CHURN:
		err = loop_churn(dirfd, n, stop, &count);
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (done)
		*done = count;
	return err;
}
