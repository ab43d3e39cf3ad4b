// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sudo_user.h"

#define DEFAULT_PARENT "results"

void hb_outdir_default(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	snprintf(buf, len, DEFAULT_PARENT "/%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void parent_of(const char *dir, char *buf, size_t len)
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof(copy), "%s", dir);
	snprintf(buf, len, "%s", dirname(copy));
}

static int refuse_existing(const char *path, char *why, size_t len)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		snprintf(why, len, "refusing to overwrite existing %s", path);
		return -EEXIST;
	}
	return 0;
}

int hb_outdir_check(const char *dir, char *why, size_t len)
{
	char partial[PATH_MAX + 16], parent[PATH_MAX];
	struct stat st;
	int err;

	if (!dir || !*dir || strlen(dir) >= PATH_MAX) {
		snprintf(why, len, "invalid --out '%.200s'", dir ? dir : "");
		return -EINVAL;
	}
	snprintf(partial, sizeof(partial), "%s.partial", dir);
	err = refuse_existing(dir, why, len);
	if (!err)
		err = refuse_existing(partial, why, len);
	if (err)
		return err;
	parent_of(dir, parent, sizeof(parent));
	if (strcmp(parent, DEFAULT_PARENT) == 0 && stat(parent, &st) && errno == ENOENT)
		return 0; /* the default results/ directory is created on demand */
	if (stat(parent, &st)) {
		err = -errno;
		snprintf(why, len, "cannot create %s: %s: %s", dir, parent, strerror(-err));
		return err;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, len, "cannot create %s: %s is not a directory", dir, parent);
		return -ENOTDIR;
	}
	if (access(parent, W_OK | X_OK)) {
		err = -errno;
		snprintf(why, len, "cannot create %s: %s is not writable: %s", dir, parent,
			 strerror(-err));
		return err;
	}
	return 0;
}

int hb_outdir_create(struct hb_outdir *o, const char *dir, char *why, size_t len)
{
	char parent[PATH_MAX];
	int err;

	err = hb_outdir_check(dir, why, len);
	if (err)
		return err;
	snprintf(o->final, sizeof(o->final), "%s", dir);
	snprintf(o->partial, sizeof(o->partial), "%s.partial", dir);
	parent_of(dir, parent, sizeof(parent));
	if (strcmp(parent, DEFAULT_PARENT) == 0) {
		if (!mkdir(parent, 0755))
			hb_give_to_user(parent);
		else if (errno != EEXIST) {
			err = -errno;
			snprintf(why, len, "cannot create %s: %s", parent, strerror(-err));
			return err;
		}
	}
	if (mkdir(o->partial, 0755)) {
		err = -errno;
		snprintf(why, len, "cannot create %s: %s", o->partial, strerror(-err));
		return err;
	}
	hb_give_to_user(o->partial);
	return 0;
}

FILE *hb_outdir_fopen(const struct hb_outdir *o, const char *name)
{
	char path[PATH_MAX + 64];

	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", o->partial, name);
	f = fopen(path, "wxe");
	if (f)
		hb_give_fd_to_user(fileno(f));
	return f;
}

int hb_outdir_write(const struct hb_outdir *o, const char *name,
		    int (*write)(FILE *f, const void *ctx), const void *ctx)
{
	FILE *f = hb_outdir_fopen(o, name);
	int err;

	if (!f)
		return -errno;
	err = write(f, ctx);
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

int hb_outdir_commit(const struct hb_outdir *o, char *why, size_t len)
{
	int err;

	if (renameat2(AT_FDCWD, o->partial, AT_FDCWD, o->final, RENAME_NOREPLACE)) {
		err = -errno;
		snprintf(why, len, "cannot rename %s to %s: %s (results left in %s)", o->partial,
			 o->final, strerror(-err), o->partial);
		return err;
	}
	return 0;
}
