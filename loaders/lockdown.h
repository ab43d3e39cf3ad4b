/* SPDX-License-Identifier: GPL-2.0-only */
/* The kernel's lockdown mode: none, integrity or confidentiality. */
#ifndef HB_LOCKDOWN_H
#define HB_LOCKDOWN_H

#include <stddef.h>

#define HB_LOCKDOWN_FILE "/sys/kernel/security/lockdown"
#define HB_LOCKDOWN_UNMOUNTED "unknown (securityfs not mounted)"

/*
 * The bracketed word of the lockdown file's text ("none integrity
 * [confidentiality]" gives "confidentiality") into mode. 0, or -EINVAL when
 * the text has no bracketed word.
 */
int hb_lockdown_parse(const char *text, char *mode, size_t len);

/* hb_lockdown_parse() of the first line of a file. 0 or -errno (-ENOENT: no such file). */
int hb_lockdown_read_file(const char *path, char *mode, size_t len);

/*
 * The running kernel's mode into mode. Where securityfs is not mounted, a
 * child mounts it in a mount namespace of its own for the read (root only;
 * the host's mounts never change); failing that, mode reads HB_LOCKDOWN_UNMOUNTED, or
 * "unknown (...)" with the cause. Returns 0 when a mode was read, else -errno.
 */
int hb_lockdown_read(char *mode, size_t len);

/* Whether mode (from the two above) is integrity or confidentiality. */
int hb_lockdown_active(const char *mode);

#endif
