/* SPDX-License-Identifier: GPL-2.0-only */
/* Files of securityfs (/sys/kernel/security), mounted or not. */
#ifndef HB_SECURITYFS_H
#define HB_SECURITYFS_H

#include <stdbool.h>
#include <stddef.h>

#define HB_SECURITYFS_DIR "/sys/kernel/security"

/*
 * The start of securityfs's file name (e.g. "lsm", "lockdown") into text,
 * NUL-terminated, read in a child that mounts securityfs in a mount namespace
 * of its own: the host's mounts never change, so a kill at any point leaves
 * nothing behind. Root only. 0, -ENOENT when securityfs has no such file,
 * or -errno.
 */
int hb_securityfs_read_private(const char *name, char *text, size_t len);

/*
 * The same from the mounted securityfs when it is mounted, else through
 * hb_securityfs_read_private(). 0 or -errno (-ENOENT: no such file).
 */
int hb_securityfs_read(const char *name, char *text, size_t len);

/* Whether the comma-separated LSM list (securityfs's "lsm" file) names lsm. */
bool hb_lsm_list_has(const char *list, const char *lsm);

#endif
