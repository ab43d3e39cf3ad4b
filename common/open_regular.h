/* SPDX-License-Identifier: GPL-2.0-only */
/* Opening a path for reading only when it is a regular file. */
#ifndef HB_OPEN_REGULAR_H
#define HB_OPEN_REGULAR_H

#include <stddef.h>
#include <stdio.h>

/*
 * Open path read-only without blocking on a FIFO or a device, and keep it
 * only when it is a regular file. Returns a blocking, close-on-exec fd, or
 * -errno: -EINVAL with why "not a regular file: PATH" for a FIFO, device,
 * directory or socket; otherwise why is "PATH: <strerror>". why may be NULL.
 */
int hb_open_regular(const char *path, char *why, size_t whylen);

/* hb_open_regular() as a FILE * for reading. NULL with errno set, and why. */
FILE *hb_fopen_regular(const char *path, char *why, size_t whylen);

#endif
