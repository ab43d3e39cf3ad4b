// SPDX-License-Identifier: GPL-2.0-only
#include "readfile.h"
#include "open_regular.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hb_read_file(const char *path, size_t max, char **text, size_t *len, char *why, size_t whylen)
{
	FILE *f = hb_fopen_regular(path, why, whylen);
	size_t used = 0, cap = 0, n;
	char *buf = NULL;
	int err = 0;

	if (!f)
		return -errno;
	do {
		if (used == cap) {
			char *p = NULL;

			cap = cap ? cap * 2 : 65536;
			if (cap <= 2 * max)
				p = realloc(buf, cap + 1);
			if (!p) {
				err = cap > 2 * max ? -EFBIG : -ENOMEM;
				goto cleanup;
			}
			buf = p;
		}
		n = fread(buf + used, 1, cap - used, f);
		used += n;
	} while (n > 0 && used <= max);
	if (used > max)
		err = -EFBIG;
	else if (ferror(f))
		err = -EIO;
cleanup:
	fclose(f);
	if (err) {
		snprintf(why, whylen, "%s: %s", path, err == -EFBIG ? "too big" : strerror(-err));
		free(buf);
		return err;
	}
	buf[used] = '\0';
	*text = buf;
	*len = used;
	return 0;
}

void hb_prefix_path(const char *path, char *why, size_t whylen)
{
	char detail[256];

	snprintf(detail, sizeof(detail), "%s", why);
	snprintf(why, whylen, "%s: %s", path, detail);
}
