/* SPDX-License-Identifier: GPL-2.0-only */
/* Recognising a bootable kernel image before handing it to QEMU. */
#ifndef HB_KERNEL_IMAGE_H
#define HB_KERNEL_IMAGE_H

#include <stddef.h>

/* Bytes of the image's start that hb_kernel_image_arch() looks at. */
#define HB_KERNEL_IMAGE_HEAD 0x210

/*
 * The architecture of the image whose first n bytes are head: "x86_64" for
 * a bzImage (boot flag 0xAA55 at 0x1FE, setup header magic "HdrS" at
 * 0x202), "arm64" for an arm64 Image ("ARM\x64" at 0x38); NULL otherwise.
 */
const char *hb_kernel_image_arch(const unsigned char *head, size_t n);

/*
 * Check that path is a regular file holding a kernel image. Returns 0 with
 * *arch set, -ENOEXEC with why "not a kernel image: PATH", or another
 * -errno from hb_open_regular() (why "not a regular file: PATH", ...).
 */
int hb_kernel_image_check(const char *path, const char **arch, char *why, size_t whylen);

#endif
