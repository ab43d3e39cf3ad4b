/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every way a process removes a name, for the coverage experiment: which
 * architecture has each, whether the running kernel can make it, and one
 * call of it on a name in a directory the caller owns.
 */
#ifndef HB_REMOVAL_PATHS_H
#define HB_REMOVAL_PATHS_H

#include <stdbool.h>
#include <stddef.h>

enum hb_removal_path {
	HB_PATH_UNLINK,                /* unlink(2) */
	HB_PATH_UNLINKAT,              /* unlinkat(2), flags 0 */
	HB_PATH_UNLINKAT_DIR,          /* unlinkat(2), AT_REMOVEDIR */
	HB_PATH_RMDIR,                 /* rmdir(2) */
	HB_PATH_IO_URING_UNLINKAT,     /* IORING_OP_UNLINKAT, flags 0 */
	HB_PATH_IO_URING_UNLINKAT_DIR, /* IORING_OP_UNLINKAT, AT_REMOVEDIR */
	HB_PATH_COMPAT_UNLINK,         /* i386 unlink (10) through int $0x80 */
	HB_PATH_COMPAT_UNLINKAT,       /* i386 unlinkat (301) */
	HB_PATH_COMPAT_UNLINKAT_DIR,   /* i386 unlinkat (301), AT_REMOVEDIR */
	HB_PATH_COMPAT_RMDIR,          /* i386 rmdir (40) */
	HB_PATH_COUNT
};

enum hb_removal_outcome {
	HB_OUTCOME_REMOVED, /* the name exists (created first) and goes */
	HB_OUTCOME_ENOENT,  /* the name does not exist */
	HB_OUTCOME_COUNT
};

/* The CSV names: "unlink", "unlinkat", ..., and "removed", "enoent". */
extern const char *const hb_removal_path_names[HB_PATH_COUNT];
extern const char *const hb_removal_outcome_names[HB_OUTCOME_COUNT];

/* The architecture this program was built for, as uname -m spells it. */
extern const char *const hb_removal_arch;

/* Whether path removes a directory (and so the name is made with mkdir). */
bool hb_removal_path_is_dir(enum hb_removal_path path);

/*
 * Whether path exists on arch ("x86_64", "aarch64"): NULL when it does,
 * else why not, in words.
 */
const char *hb_removal_path_absent(enum hb_removal_path path, const char *arch);

/*
 * Whether this process can make path on the running kernel: 0, or -errno
 * with why (absent on this architecture, io_uring disabled, no 32-bit
 * compat calls). Forks a child to probe compat calls.
 */
int hb_removal_path_runnable(enum hb_removal_path path, char *why, size_t len);

/* Make name in dirfd: an empty file (O_EXCL, no symlink followed), or a directory. 0 or -errno. */
int hb_removal_make_name(int dirfd, const char *name, bool dir);

/*
 * One call of path in dirfd: for HB_OUTCOME_REMOVED on a name created just
 * before (a file, or a directory for the *_dir and rmdir paths), for
 * HB_OUTCOME_ENOENT on a name that does not exist. Between the two the
 * process makes no removal call of any kind. Returns 0 when the call did
 * what the outcome says, else -errno (-EEXIST when the absent name exists);
 * a name it created and could not remove is removed again.
 */
int hb_removal_call(enum hb_removal_path path, enum hb_removal_outcome outcome, int dirfd);

/* io_uring and compat calls (removal_uring.c, removal_compat.c): 0 or -errno. */
int hb_uring_unlinkat(int dirfd, const char *name, int flags);
int hb_uring_probe(char *why, size_t len);
int hb_compat_probe(char *why, size_t len);
/* i386 syscall nr with up to three arguments; a pointer must be below 4 GiB. */
long hb_compat_syscall(long nr, long a, long b, long c);
/* A buffer below 4 GiB holding s (MAP_32BIT), for compat calls; free with hb_compat_free. */
char *hb_compat_string(const char *s);
void hb_compat_free(char *p);

#endif
