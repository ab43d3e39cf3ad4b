// SPDX-License-Identifier: GPL-2.0-only
#include "storm.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

const char *const storm_mode_names[STORM_MODE_COUNT] = {
	[STORM_MODE_ENOENT] = "enoent",
	[STORM_MODE_CREATE] = "create",
};

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
	default:
		err = -EINVAL;
		break;
	}
	if (done)
		*done = count;
	return err;
}
