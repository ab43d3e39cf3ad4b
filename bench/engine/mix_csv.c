// SPDX-License-Identifier: GPL-2.0-only
#include "mix_csv.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "csv.h"
#include "mix_schema.h"
#include "syscall_names.h"

_Static_assert(HB_MIX_NR_MAX == HB_MIX_CSV_NR_MAX, "mix.csv's syscall_nr bound is the counter's table size");

struct mix_row {
	long nr; /* -1 for the outside slot */
	const char *abi;
	uint64_t count;
};

/* Most frequent first; ties native before compat, then by number. */
static int by_count(const void *a, const void *b)
{
	const struct mix_row *x = a, *y = b;
	int abi;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	abi = strcmp(y->abi, x->abi); /* "native" > "compat" > "outside" */
	if (abi)
		return abi;
	return (x->nr > y->nr) - (x->nr < y->nr);
}

/* The rows to write: every slot counted, and native unlinkat even at 0. */
static size_t collect(const struct hb_syscall_counts *c, struct mix_row *rows)
{
	size_t n = 0;

	for (long nr = 0; nr < HB_MIX_NR_MAX; nr++) {
		if (c->native[nr] || nr == SYS_unlinkat)
			rows[n++] = (struct mix_row){ nr, HB_MIX_ABI_NATIVE, c->native[nr] };
		if (c->compat[nr])
			rows[n++] = (struct mix_row){ nr, HB_MIX_ABI_COMPAT, c->compat[nr] };
	}
	if (c->outside)
		rows[n++] = (struct mix_row){ -1, HB_MIX_ABI_OUTSIDE, c->outside };
	qsort(rows, n, sizeof(*rows), by_count);
	return n;
}

static void write_row(FILE *f, const struct mix_row *row, uint64_t total, const char *seconds,
		      const char *kernel)
{
	char nr[24] = "", name[64] = "", count[24], share[32], tot[24];

	if (row->nr >= 0) {
		snprintf(nr, sizeof(nr), "%ld", row->nr);
		hb_syscall_name((int)row->nr, !strcmp(row->abi, HB_MIX_ABI_COMPAT), name, sizeof(name));
	}
	snprintf(count, sizeof(count), "%" PRIu64, row->count);
	hb_csv_number(share, sizeof(share), total ? (double)row->count / (double)total : 0, 8);
	snprintf(tot, sizeof(tot), "%" PRIu64, total);
	hb_csv_row(f, (const char *const[]){ nr, name, row->abi, count, share, seconds, tot, kernel },
		   HB_MIX_NCOLUMNS);
}

int hb_mix_csv_write(const char *path, const struct hb_syscall_counts *c, char *why, size_t len)
{
	struct mix_row *rows = calloc(2 * HB_MIX_NR_MAX + 1, sizeof(*rows));
	uint64_t total = hb_syscall_total(c);
	char tmp[PATH_MAX], seconds[32];
	struct utsname u;
	FILE *f = NULL;
	size_t n;
	int err = 0, fd;

	if (!rows) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "unknown");
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(why, len, "%.200s: path too long", path);
		err = -ENAMETOOLONG;
		goto cleanup;
	}
	/* Root writes here: never through a link someone left at the temporary name. */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		err = -errno;
		if (fd >= 0)
			close(fd);
		snprintf(why, len, "cannot write %.300s: %s", path, strerror(-err));
		goto cleanup;
	}
	hb_csv_number(seconds, sizeof(seconds), c->seconds, 3);
	hb_csv_row(f, hb_mix_columns, HB_MIX_NCOLUMNS);
	n = collect(c, rows);
	for (size_t i = 0; i < n; i++)
		write_row(f, &rows[i], total, seconds, u.release);
	err = ferror(f) ? -EIO : 0;
	if (fclose(f) && !err)
		err = -errno;
	f = NULL;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err) {
		snprintf(why, len, "cannot write %.300s: %s", path, strerror(-err));
		unlink(tmp);
	}
cleanup:
	free(rows);
	return err;
}
