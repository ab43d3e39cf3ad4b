// SPDX-License-Identifier: GPL-2.0-only
#include "open_regular.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int hb_open_regular(const char *path, char *why, size_t whylen)
{
	struct stat before, st;
	int fd = -1, flags, err;

	/*
	 * stat() first: opening some devices does something (a watchdog arms,
	 * a tape rewinds) before fstat() could refuse them. The fstat() of
	 * what was opened must then be that same regular file.
	 */
	if (stat(path, &before)) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(before.st_mode)) {
		err = -EINVAL;
		goto fail;
	}
	/* O_NONBLOCK: were it swapped for a FIFO meanwhile, opening it would wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err = -errno;
		goto fail;
	}
	if (fstat(fd, &st)) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || st.st_dev != before.st_dev || st.st_ino != before.st_ino) {
		err = -EINVAL;
		goto fail;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)) {
		err = -errno;
		goto fail;
	}
	return fd;
fail:
	if (why && err == -EINVAL)
		snprintf(why, whylen, "not a regular file: %s", path);
	else if (why)
		snprintf(why, whylen, "%s: %s", path, strerror(-err));
	if (fd >= 0)
		close(fd);
	return err;
}

FILE *hb_fopen_regular(const char *path, char *why, size_t whylen)
{
	int fd = hb_open_regular(path, why, whylen);
	FILE *f;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		int err = errno;

		if (why)
			snprintf(why, whylen, "%s: %s", path, strerror(err));
		close(fd);
		errno = err;
	}
	return f;
}
