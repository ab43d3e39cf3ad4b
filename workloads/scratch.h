/* SPDX-License-Identifier: GPL-2.0-only */
/* The private scratch directory the storm runs in. */
#ifndef HB_SCRATCH_H
#define HB_SCRATCH_H

#include <stddef.h>

#define STORM_MAX_THREADS 256

struct storm_scratch {
	char path[4096];	/* the mkdtemp directory, absolute */
	int dirfd;		/* O_DIRECTORY fd of path, -1 when closed */
	unsigned nthreads;	/* thread dirs created (and to remove) */
	int thread_fd[STORM_MAX_THREADS]; /* fds of "t0", "t1", ... */
};

/*
 * Create parent/unlink-storm.XXXXXX (mkdtemp, mode 0700) holding one
 * subdirectory per thread ("t0" ... "t<n-1>"). parent NULL means $TMPDIR,
 * or /tmp when that is unset or empty. The directory is verified through
 * its fd to be a directory owned by geteuid() with mode 0700 (-EPERM
 * otherwise). On failure everything created is removed again.
 * Returns 0 or -errno (-EINVAL when nthreads is not in [1, 256]).
 */
int storm_scratch_create(struct storm_scratch *s, const char *parent,
			 unsigned nthreads);

/*
 * The filesystem the scratch directory lives on ("ext4", "tmpfs", ...; the
 * magic number in hex when not one of those named), into out. It matters:
 * tmpfs and ramfs drop a failed lookup's dentry at once and free it after
 * an RCU grace period, so every ENOENT unlinkat there allocates a dentry
 * and queues a callback; disk filesystems keep the negative dentry.
 * Returns 0 or -errno from fstatfs().
 */
int storm_scratch_fs(const struct storm_scratch *s, char *out, size_t len);

/*
 * Remove what storm_scratch_create made (plus a create-mode file a failed
 * loop left behind) and close the fds. Works through the fds only, follows
 * no symlink and removes nothing foreign: a directory holding something
 * else is left in place (-ENOTEMPTY), as is one that was moved or replaced
 * (-ESTALE). Safe to call twice, and on a zeroed struct whose dirfd is -1.
 */
int storm_scratch_destroy(struct storm_scratch *s);

#endif
