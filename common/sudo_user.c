// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "sudo_user.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "parse.h"

/*
 * Weak: a static build (the VM guests' tools, where there is no sudo) does
 * not pull glibc's NSS in, and runs the command with the user's gid alone.
 */
#pragma weak getpwuid
#pragma weak getgrouplist

static uid_t sudo_uid;
static gid_t sudo_gid;
static int first_err;

static bool id_from_env(const char *name, unsigned *out)
{
	const char *v = getenv(name);
	uint64_t n;

	/* (uid_t)-1 means "unchanged" to chown: never a user. */
	if (!v || hb_parse_u64(v, 0, (uint64_t)(unsigned)-2, &n))
		return false;
	*out = (unsigned)n;
	return true;
}

bool hb_sudo_ids(uid_t *uid, gid_t *gid)
{
	unsigned u, g;

	if (geteuid() != 0 || !id_from_env("SUDO_UID", &u) || !id_from_env("SUDO_GID", &g) || u == 0)
		return false;
	*uid = u;
	*gid = g;
	return true;
}

int hb_give_to_user(const char *path)
{
	uid_t uid;
	gid_t gid;

	if (!hb_sudo_ids(&uid, &gid))
		return 0;
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW) ? -errno : 0;
}

int hb_give_fd_to_user(int fd)
{
	uid_t uid;
	gid_t gid;

	if (!hb_sudo_ids(&uid, &gid))
		return 0;
	return fchown(fd, uid, gid) ? -errno : 0;
}

static int give_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (fchownat(AT_FDCWD, path, sudo_uid, sudo_gid, AT_SYMLINK_NOFOLLOW) && !first_err)
		first_err = -errno;
	return 0;
}

int hb_give_tree_to_user(const char *path)
{
	if (!hb_sudo_ids(&sudo_uid, &sudo_gid))
		return 0;
	first_err = 0;
	if (nftw(path, give_one, 16, FTW_PHYS | FTW_MOUNT | FTW_DEPTH))
		return -errno;
	return first_err;
}

int hb_sudo_creds(struct hb_creds *c)
{
	struct passwd *pw;

	if (!hb_sudo_ids(&c->uid, &c->gid))
		return 0;
	c->groups[0] = c->gid;
	c->ngroups = 1;
	pw = getpwuid ? getpwuid(c->uid) : NULL;
	if (pw && getgrouplist) {
		int n = HB_MAX_GROUPS;

		if (getgrouplist(pw->pw_name, c->gid, c->groups, &n) < 0)
			return -E2BIG;
		c->ngroups = n;
	}
	return 1;
}

int hb_creds_apply(const struct hb_creds *c)
{
	if (setgroups((size_t)c->ngroups, c->groups) || setgid(c->gid) || setuid(c->uid))
		return -errno;
	return 0;
}
