// SPDX-License-Identifier: GPL-2.0-only
#include "scratch.h"
#include "storm.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

static void scratch_reset(struct storm_scratch *s)
{
	s->path[0] = '\0';
	s->dirfd = -1;
	s->nthreads = 0;
	for (unsigned i = 0; i < STORM_MAX_THREADS; i++)
		s->thread_fd[i] = -1;
}

static void thread_dir_name(unsigned i, char *buf, size_t len)
{
	snprintf(buf, len, "t%u", i);
}

/*
 * Is name (not followed) in dirfd the object fd refers to?
 * 0 yes; -ESTALE when it is missing or something else; -ENOENT when the
 * object of fd has already been deleted (nothing left to remove).
 */
static int same_entry(int dirfd, const char *name, int fd)
{
	struct stat want, have;

	if (fstat(fd, &want))
		return -errno;
	if (want.st_nlink == 0)
		return -ENOENT;
	if (fstatat(dirfd, name, &have, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT ? -ESTALE : -errno;
	if (have.st_dev != want.st_dev || have.st_ino != want.st_ino)
		return -ESTALE;
	return 0;
}

/*
 * rmdir(2) of name in dirfd, reached through /proc/self/fd so it stays
 * relative to the descriptor. Not unlinkat(AT_REMOVEDIR): the only
 * unlinkat calls the process makes must be the loop's, so that a hook on
 * sys_enter_unlinkat counts exactly the iterations.
 */
static int remove_dir_at(int dirfd, const char *name)
{
	char path[64];

	if (access("/proc/self/fd", F_OK))
		return unlinkat(dirfd, name, AT_REMOVEDIR) ? -errno : 0;
	if (snprintf(path, sizeof(path), "/proc/self/fd/%d/%s", dirfd, name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	return rmdir(path) ? -errno : 0;
}

/* Gone already is success; "not empty" has two spellings in rmdir(2). */
static int rmdir_result(int err)
{
	if (err == -ENOENT)
		return 0;
	if (err == -EEXIST)
		return -ENOTEMPTY;
	return err;
}

/*
 * A create- or churn-mode loop that failed between openat() and unlinkat()
 * leaves its file behind. Remove it only if it looks exactly like ours: a
 * regular file with one link, owned by us, empty (create) or holding the
 * bytes churn writes. Anything else stays, and
 * the rmdir of its directory then reports -ENOTEMPTY.
 */
static int remove_left_file(int tfd)
{
	struct stat st;

	if (fstatat(tfd, STORM_CREATE_NAME, &st, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_nlink != 1 || (st.st_size != 0 && st.st_size != STORM_CHURN_BYTES))
		return 0;
	if (unlinkat(tfd, STORM_CREATE_NAME, 0) && errno != ENOENT)
		return -errno;
	return 0;
}

static int remove_thread_dir(struct storm_scratch *s, unsigned i)
{
	int tfd = s->thread_fd[i];
	char name[16];
	int err = 0;

	s->thread_fd[i] = -1;
	thread_dir_name(i, name, sizeof(name));
	if (tfd >= 0) {
		err = remove_left_file(tfd);
		if (!err)
			err = same_entry(s->dirfd, name, tfd);
		if (err)
			goto cleanup;
	}
	err = remove_dir_at(s->dirfd, name);
cleanup:
	if (tfd >= 0)
		close(tfd);
	return rmdir_result(err);
}

static int remove_top(struct storm_scratch *s)
{
	const char *base = strrchr(s->path, '/');
	int pfd = -1;
	int err = 0;

	if (!base || !base[1]) {
		err = -EINVAL;
		goto cleanup;
	}
	base++;
	/* ".." of the fd is where the directory lives now, whatever the path says. */
	pfd = openat(s->dirfd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0) {
		err = -errno;
		goto cleanup;
	}
	err = same_entry(pfd, base, s->dirfd);
	if (!err)
		err = remove_dir_at(pfd, base);
cleanup:
	if (pfd >= 0)
		close(pfd);
	return rmdir_result(err);
}

int storm_scratch_destroy(struct storm_scratch *s)
{
	int err = 0;
	int r;

	if (s->dirfd < 0)
		goto cleanup;
	for (unsigned i = s->nthreads; i-- > 0;) {
		r = remove_thread_dir(s, i);
		if (r && !err)
			err = r;
	}
	r = remove_top(s);
	if (r && !err)
		err = r;
	close(s->dirfd);
cleanup:
	s->dirfd = -1;
	s->nthreads = 0;
	return err;
}

static const char *default_parent(void)
{
	const char *tmp = getenv("TMPDIR");

	return tmp && *tmp ? tmp : "/tmp";
}

/* Open the fresh directory and check it is still the one mkdtemp made. */
static int open_verified(struct storm_scratch *s)
{
	struct stat st;
	int err = 0;

	s->dirfd = open(s->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (s->dirfd < 0) {
		err = -errno;
		goto cleanup;
	}
	if (fstat(s->dirfd, &st)) {
		err = -errno;
		goto cleanup;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		/* Swapped for something not ours: close it and touch nothing. */
		close(s->dirfd);
		s->dirfd = -1;
		err = -EPERM;
		goto cleanup;
	}
	/* Ours (only we own it) but not private, e.g. a strange umask: removed by the caller. */
	if ((st.st_mode & 07777) != 0700)
		err = -EPERM;
cleanup:
	return err;
}

static int make_thread_dirs(struct storm_scratch *s, unsigned nthreads)
{
	int err = 0;

	for (unsigned i = 0; i < nthreads; i++) {
		char name[16];

		thread_dir_name(i, name, sizeof(name));
		if (mkdirat(s->dirfd, name, 0700)) {
			err = -errno;
			goto cleanup;
		}
		s->nthreads = i + 1;
		s->thread_fd[i] = openat(s->dirfd, name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (s->thread_fd[i] < 0) {
			err = -errno;
			goto cleanup;
		}
	}
cleanup:
	return err;
}

int storm_scratch_create(struct storm_scratch *s, const char *parent,
			 unsigned nthreads)
{
	char base[PATH_MAX];
	int err = 0;
	int n;

	scratch_reset(s);
	if (nthreads < 1 || nthreads > STORM_MAX_THREADS) {
		err = -EINVAL;
		goto cleanup;
	}
	if (!realpath(parent ? parent : default_parent(), base)) {
		err = -errno;
		goto cleanup;
	}
	n = snprintf(s->path, sizeof(s->path), "%s/unlink-storm.XXXXXX",
		     strcmp(base, "/") ? base : "");
	if (n < 0 || (size_t)n >= sizeof(s->path)) {
		s->path[0] = '\0';
		err = -ENAMETOOLONG;
		goto cleanup;
	}
	if (!mkdtemp(s->path)) {
		err = -errno;
		s->path[0] = '\0';
		goto cleanup;
	}
	err = open_verified(s);
	if (!err)
		err = make_thread_dirs(s, nthreads);
cleanup:
	if (err)
		storm_scratch_destroy(s);
	return err;
}

int storm_scratch_fs(const struct storm_scratch *s, char *out, size_t len)
{
	static const struct {
		unsigned long magic;
		const char *name;
	} known[] = {
		{ 0xEF53, "ext4" }, /* ext2, ext3 and ext4 share it */
		{ 0x01021994, "tmpfs" },
		{ 0x858458f6, "ramfs" },
		{ 0x58465342, "xfs" },
		{ 0x9123683e, "btrfs" },
		{ 0x794c7630, "overlayfs" },
		{ 0x2fc12fc1, "zfs" },
		{ 0x6969, "nfs" },
		{ 0x65735546, "fuse" },
	};
	struct statfs st;

	if (fstatfs(s->dirfd, &st))
		return -errno;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if ((unsigned long)st.f_type == known[i].magic) {
			snprintf(out, len, "%s", known[i].name);
			return 0;
		}
	}
	snprintf(out, len, "0x%lx", (unsigned long)st.f_type);
	return 0;
}
