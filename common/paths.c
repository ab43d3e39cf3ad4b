// SPDX-License-Identifier: GPL-2.0-only
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Relative to the directory of the running binary; set by meson (see common/meson.build). */
#ifndef HB_DATADIR_FROM_BINDIR
#define HB_DATADIR_FROM_BINDIR "../share"
#endif
#ifndef HB_LIBEXECDIR_FROM_BINDIR
#define HB_LIBEXECDIR_FROM_BINDIR "../libexec"
#endif

static int exe_dir(char *buf, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n < 0)
		return -errno;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	if ((size_t)snprintf(buf, len, "%s", exe) >= len)
		return -ENAMETOOLONG;
	return 0;
}

static int existing(char *buf, size_t len, const char *fmt, const char *a, const char *b,
		    const char *c)
{
	if ((size_t)snprintf(buf, len, fmt, a, b, c) >= len)
		return -ENAMETOOLONG;
	return access(buf, F_OK) == 0 ? 0 : -errno;
}

static int hb_path_under(const char *env, const char *from_bindir, const char *rel, char *buf,
			 size_t len)
{
	const char *over = getenv(env);
	char dir[PATH_MAX];
	int err;

	if (over && *over)
		return existing(buf, len, "%s/%s%s", over, rel, "");
	err = exe_dir(dir, sizeof(dir));
	if (err)
		return err;
	err = existing(buf, len, "%s/%s/hookbench/%s", dir, from_bindir, rel);
	if (err != -ENOENT)
		return err;
	/* The build tree: every program one folder down, scripts/ staged beside them. */
	return existing(buf, len, "%s/../scripts/%s%s", dir, rel, "");
}

int hb_path_data(const char *rel, char *buf, size_t len)
{
	return hb_path_under("HOOKBENCH_DATADIR", HB_DATADIR_FROM_BINDIR, rel, buf, len);
}

int hb_path_libexec(const char *rel, char *buf, size_t len)
{
	return hb_path_under("HOOKBENCH_LIBEXECDIR", HB_LIBEXECDIR_FROM_BINDIR, rel, buf, len);
}

int hb_path_program(const char *name, char *buf, size_t len)
{
	/* Installed: every program in bindir. Build tree: one folder per part. */
	static const char *const where[] = { ".", "../workloads", "../loaders", "../bench" };
	char dir[PATH_MAX];
	int err = exe_dir(dir, sizeof(dir));

	for (size_t i = 0; !err && i < sizeof(where) / sizeof(where[0]); i++) {
		err = existing(buf, len, "%s/%s/%s", dir, where[i], name);
		if (err == -ENOENT)
			err = 0;
		else
			return err;
	}
	return err ? err : -ENOENT;
}

int hb_path_build_tree(const char *rel, char *buf, size_t len)
{
	char dir[PATH_MAX];
	int err = exe_dir(dir, sizeof(dir));

	if (!err)
		err = existing(buf, len, "%s/../%s%s", dir, "build.ninja", "");
	if (!err)
		err = existing(buf, len, "%s/../%s%s", dir, rel, "");
	return err;
}
