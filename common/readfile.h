/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HB_READFILE_H
#define HB_READFILE_H

#include <stddef.h>

/*
 * Read all of path (at most max bytes) into a malloc'd buffer. Returns 0,
 * or -errno with why ("PATH: what went wrong"); -EFBIG when it is too big,
 * -EINVAL ("not a regular file: PATH") for a FIFO, device or directory.
 */
int hb_read_file(const char *path, size_t max, char **text, size_t *len, char *why, size_t whylen);

/* Put "PATH: " before the message already in why. */
void hb_prefix_path(const char *path, char *why, size_t whylen);

#endif
