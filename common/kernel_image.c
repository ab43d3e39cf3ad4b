// SPDX-License-Identifier: GPL-2.0-only
#include "kernel_image.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "open_regular.h"

const char *hb_kernel_image_arch(const unsigned char *head, size_t n)
{
	if (n >= 0x206 && head[0x1FE] == 0x55 && head[0x1FF] == 0xAA &&
	    memcmp(head + 0x202, "HdrS", 4) == 0)
		return "x86_64";
	if (n >= 0x3C && memcmp(head + 0x38, "ARM\x64", 4) == 0)
		return "arm64";
	return NULL;
}

int hb_kernel_image_check(const char *path, const char **arch, char *why, size_t whylen)
{
	unsigned char head[HB_KERNEL_IMAGE_HEAD];
	size_t n = 0;
	ssize_t r = 1;
	int fd, err = 0;

	fd = hb_open_regular(path, why, whylen);
	if (fd < 0)
		return fd;
	while (n < sizeof(head) && r > 0) {
		r = pread(fd, head + n, sizeof(head) - n, (off_t)n);
		if (r < 0 && errno == EINTR)
			r = 1;
		else if (r > 0)
			n += (size_t)r;
	}
	if (r < 0) {
		err = -errno;
		snprintf(why, whylen, "%s: %s", path, strerror(-err));
		goto cleanup;
	}
	*arch = hb_kernel_image_arch(head, n);
	if (!*arch) {
		snprintf(why, whylen, "not a kernel image: %s", path);
		err = -ENOEXEC;
	}
cleanup:
	close(fd);
	return err;
}
