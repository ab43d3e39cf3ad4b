// SPDX-License-Identifier: GPL-2.0-only
#include "removal_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "storm.h"

/* The directory the *_dir and rmdir paths make and remove. */
#define REMOVAL_DIR_NAME "hookbench-dir"

/* i386 syscall numbers and AT_FDCWD, as int $0x80 takes them. */
#define I386_UNLINK 10
#define I386_RMDIR 40
#define I386_UNLINKAT 301
#define I386_AT_FDCWD (-100)

const char *const hb_removal_path_names[HB_PATH_COUNT] = {
	[HB_PATH_UNLINK] = "unlink",
	[HB_PATH_UNLINKAT] = "unlinkat",
	[HB_PATH_UNLINKAT_DIR] = "unlinkat_dir",
	[HB_PATH_RMDIR] = "rmdir",
	[HB_PATH_IO_URING_UNLINKAT] = "io_uring_unlinkat",
	[HB_PATH_IO_URING_UNLINKAT_DIR] = "io_uring_unlinkat_dir",
	[HB_PATH_COMPAT_UNLINK] = "compat_unlink",
	[HB_PATH_COMPAT_UNLINKAT] = "compat_unlinkat",
	[HB_PATH_COMPAT_UNLINKAT_DIR] = "compat_unlinkat_dir",
	[HB_PATH_COMPAT_RMDIR] = "compat_rmdir",
};

const char *const hb_removal_outcome_names[HB_OUTCOME_COUNT] = {
	[HB_OUTCOME_REMOVED] = "removed",
	[HB_OUTCOME_ENOENT] = "enoent",
};

#if defined(__x86_64__)
const char *const hb_removal_arch = "x86_64";
#elif defined(__aarch64__)
const char *const hb_removal_arch = "aarch64";
#else
#error "the removal paths are not known for this architecture"
#endif

bool hb_removal_path_is_dir(enum hb_removal_path path)
{
	return path == HB_PATH_UNLINKAT_DIR || path == HB_PATH_RMDIR ||
	       path == HB_PATH_IO_URING_UNLINKAT_DIR || path == HB_PATH_COMPAT_UNLINKAT_DIR ||
	       path == HB_PATH_COMPAT_RMDIR;
}

static bool is_compat(enum hb_removal_path path)
{
	return path >= HB_PATH_COMPAT_UNLINK && path <= HB_PATH_COMPAT_RMDIR;
}

static bool is_uring(enum hb_removal_path path)
{
	return path == HB_PATH_IO_URING_UNLINKAT || path == HB_PATH_IO_URING_UNLINKAT_DIR;
}

const char *hb_removal_path_absent(enum hb_removal_path path, const char *arch)
{
	bool x86 = !strcmp(arch, "x86_64");

	if (path >= HB_PATH_COUNT)
		return "no such path";
	if (is_compat(path) && !x86)
		return "x86_64 only: 32-bit calls through int $0x80";
	if ((path == HB_PATH_UNLINK || path == HB_PATH_RMDIR) && !x86)
		return strcmp(arch, "aarch64") ? "not known on this architecture"
					      : "arm64 has no such syscall (unlinkat only)";
	return NULL;
}

int hb_removal_path_runnable(enum hb_removal_path path, char *why, size_t len)
{
	const char *absent = hb_removal_path_absent(path, hb_removal_arch);

	if (absent) {
		snprintf(why, len, "%s", absent);
		return -ENOSYS;
	}
	if (is_uring(path))
		return hb_uring_probe(why, len);
	if (is_compat(path))
		return hb_compat_probe(why, len);
	return 0;
}

/* The name in dirfd as a path from anywhere: for the calls that take no dirfd. */
static int fd_path(int dirfd, const char *name, char *buf, size_t len)
{
	if (snprintf(buf, len, "/proc/self/fd/%d/%s", dirfd, name) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

static long native_call(enum hb_removal_path path, int dirfd, const char *name)
{
	char p[96];
	int err = 0;

	switch (path) {
	case HB_PATH_UNLINKAT:
		return syscall(SYS_unlinkat, dirfd, name, 0) ? -errno : 0;
	case HB_PATH_UNLINKAT_DIR:
		return syscall(SYS_unlinkat, dirfd, name, AT_REMOVEDIR) ? -errno : 0;
#if defined(SYS_unlink) && defined(SYS_rmdir)
	case HB_PATH_UNLINK:
	case HB_PATH_RMDIR:
		err = fd_path(dirfd, name, p, sizeof(p));
		if (err)
			return err;
		return syscall(path == HB_PATH_UNLINK ? SYS_unlink : SYS_rmdir, p) ? -errno : 0;
#endif
	default:
		(void)p;
		(void)err;
		return -ENOSYS;
	}
}

static long compat_call(enum hb_removal_path path, int dirfd, const char *name)
{
	char p[96], *s;
	long ret;
	int err;

	err = fd_path(dirfd, name, p, sizeof(p));
	if (err)
		return err;
	s = hb_compat_string(p);
	if (!s)
		return -ENOMEM;
	switch (path) {
	case HB_PATH_COMPAT_UNLINK:
		ret = hb_compat_syscall(I386_UNLINK, (long)s, 0, 0);
		break;
	case HB_PATH_COMPAT_RMDIR:
		ret = hb_compat_syscall(I386_RMDIR, (long)s, 0, 0);
		break;
	case HB_PATH_COMPAT_UNLINKAT:
		ret = hb_compat_syscall(I386_UNLINKAT, I386_AT_FDCWD, (long)s, 0);
		break;
	case HB_PATH_COMPAT_UNLINKAT_DIR:
		ret = hb_compat_syscall(I386_UNLINKAT, I386_AT_FDCWD, (long)s, AT_REMOVEDIR);
		break;
	default:
		ret = -ENOSYS;
	}
	hb_compat_free(s);
	return ret;
}

static long remove_once(enum hb_removal_path path, int dirfd, const char *name)
{
	if (is_compat(path))
		return compat_call(path, dirfd, name);
	if (is_uring(path))
		return hb_uring_unlinkat(dirfd, name,
					 path == HB_PATH_IO_URING_UNLINKAT_DIR ? AT_REMOVEDIR : 0);
	return native_call(path, dirfd, name);
}

int hb_removal_make_name(int dirfd, const char *name, bool dir)
{
	int fd;

	if (dir)
		return mkdirat(dirfd, name, 0700) ? -errno : 0;
	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int hb_removal_call(enum hb_removal_path path, enum hb_removal_outcome outcome, int dirfd)
{
	bool dir = hb_removal_path_is_dir(path);
	const char *name = outcome == HB_OUTCOME_ENOENT ? STORM_ENOENT_NAME
				  : dir ? REMOVAL_DIR_NAME : STORM_CREATE_NAME;
	struct stat st;
	long ret;

	if (path >= HB_PATH_COUNT || outcome >= HB_OUTCOME_COUNT)
		return -EINVAL;
	if (outcome == HB_OUTCOME_ENOENT) {
		if (!fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
			return -EEXIST;
		ret = remove_once(path, dirfd, name);
		return ret == -ENOENT ? 0 : ret ? (int)ret : -EEXIST;
	}
	ret = hb_removal_make_name(dirfd, name, dir);
	if (ret)
		return (int)ret;
	ret = remove_once(path, dirfd, name);
	if (ret) /* ours, made just now: it goes, whatever the call did */
		unlinkat(dirfd, name, dir ? AT_REMOVEDIR : 0);
	return (int)ret;
}
