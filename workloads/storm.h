/* SPDX-License-Identifier: GPL-2.0-only */
/* The unlinkat() storm: the measured loop, shared by unlink-storm and bench. */
#ifndef HB_STORM_H
#define HB_STORM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "scratch.h"

enum storm_mode {
	STORM_MODE_ENOENT,
	STORM_MODE_CREATE,
	STORM_MODE_OTHER,        /* getppid(): what a hook costs a syscall it does not trace */
	STORM_MODE_OTHER_REMOTE, /* the same loop, run by hookbench in a second process */
	STORM_MODE_CHURN,
	STORM_MODE_COUNT
};

/* Indexed by enum storm_mode: "enoent", "create", "other", "other_remote", "churn". */
extern const char *const storm_mode_names[STORM_MODE_COUNT];

/* Name unlinkat() is called on in enoent mode (never exists). */
#define STORM_ENOENT_NAME "hookbench-absent"
/* Name created (O_EXCL) and removed each iteration in create and churn mode. */
#define STORM_CREATE_NAME "hookbench-file"
/* Bytes churn mode writes to each file (so a file left behind is at most this big). */
#define STORM_CHURN_BYTES 8

/* unlinkat() calls per iteration of mode: 1, or 0 for other and other_remote. */
unsigned storm_mode_unlinks(enum storm_mode mode);

/*
 * Run up to n iterations of mode on dirfd (a directory storm owns).
 *   enoent: unlinkat(dirfd, STORM_ENOENT_NAME, 0), expecting ENOENT.
 *   create: openat(O_CREAT|O_EXCL|O_NOFOLLOW) + close +
 *           unlinkat(dirfd, STORM_CREATE_NAME, 0).
 *   other, other_remote: syscall(SYS_getppid); dirfd is not used.
 *   churn:  openat(O_CREAT|O_EXCL|O_NOFOLLOW) + write(STORM_CHURN_BYTES) +
 *           close + fstatat(AT_SYMLINK_NOFOLLOW) + unlinkat(), all on
 *           STORM_CREATE_NAME: one syscall in five is unlinkat().
 * stop may be NULL (never checked); otherwise it is read with a relaxed
 * load before each iteration. *done (may be NULL) receives the iterations
 * completed. Returns 0, -EINVAL for a bad mode, or -errno on an unexpected
 * result (-EEXIST when the enoent name exists).
 */
int storm_loop(enum storm_mode mode, int dirfd, uint64_t n,
	       const _Atomic bool *stop, uint64_t *done);

#endif
