/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Least privilege under sudo: what hookbench writes belongs to the user who
 * ran sudo, and the commands the loaders run run as that user.
 */
#ifndef HB_SUDO_USER_H
#define HB_SUDO_USER_H

#include <stdbool.h>
#include <sys/types.h>

#define HB_MAX_GROUPS 256

/*
 * The invoking user when we are root started through sudo (SUDO_UID and
 * SUDO_GID set, naming someone other than root): true with the ids.
 */
bool hb_sudo_ids(uid_t *uid, gid_t *gid);

/*
 * Hand path (not following a symlink), an open file, or a whole tree
 * (without following symlinks or leaving its file system) to the sudo
 * user. No-ops returning 0 when not under sudo; otherwise 0 or -errno
 * (the first failure; the walk goes on).
 */
int hb_give_to_user(const char *path);
int hb_give_fd_to_user(int fd);
int hb_give_tree_to_user(const char *path);

/* Credentials to run a command with: the sudo user's ids and groups. */
struct hb_creds {
	uid_t uid;
	gid_t gid;
	gid_t groups[HB_MAX_GROUPS];
	int ngroups;
};

/*
 * Fill c with the sudo user's credentials (groups from the user database
 * when the uid has a name there, else only its gid). Returns 1 when there
 * is a user to drop to, 0 when not under sudo, or -errno.
 */
int hb_sudo_creds(struct hb_creds *c);

/* Become c (setgroups, setgid, setuid, in that order). 0 or -errno. */
int hb_creds_apply(const struct hb_creds *c);

#endif
