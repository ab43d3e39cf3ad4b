// SPDX-License-Identifier: GPL-2.0-only
#include "mix.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "csv_read.h"
#include "mix_schema.h"
#include "parse.h"

#define SHARE_SLACK 1e-6 /* the share column has 8 decimals: it is count/total to this */

enum { COL_NR, COL_NAME, COL_ABI, COL_COUNT, COL_SHARE, COL_SECONDS, COL_TOTAL, COL_KERNEL };

struct mix_file {
	const char *path;
	const struct hb_csv_table *t;
	int col[HB_MIX_NCOLUMNS];
	char *why;
	size_t len;
};

static const char *field(const struct mix_file *mf, size_t row, int col)
{
	return hb_csv_get(mf->t, row, mf->col[col]);
}

/* Refuse row (0-based; the header is line 1) with a reason. */
static int bad(const struct mix_file *mf, size_t row, const char *what, const char *value)
{
	snprintf(mf->why, mf->len, "%.300s: line %zu: %s '%.40s'", mf->path, row + 2, what, value);
	return -EINVAL;
}

static int check_header(struct mix_file *mf)
{
	for (size_t i = 0; i < HB_MIX_NCOLUMNS; i++) {
		mf->col[i] = hb_csv_col(mf->t, hb_mix_columns[i]);
		if (mf->col[i] < 0) {
			snprintf(mf->why, mf->len, "%.300s: no %s column (not a mix.csv of hookbench mix)",
				 mf->path, hb_mix_columns[i]);
			return -EINVAL;
		}
	}
	if (!mf->t->nrows) {
		snprintf(mf->why, mf->len, "%.300s: no rows", mf->path);
		return -EINVAL;
	}
	return 0;
}

/* The columns every row repeats, from the first row; the others must match. */
static int read_common(const struct mix_file *mf, struct hb_mix *m)
{
	const char *seconds = field(mf, 0, COL_SECONDS), *total = field(mf, 0, COL_TOTAL);

	if (hb_parse_double(seconds, 0, 1e9, &m->seconds) || !(m->seconds > 0))
		return bad(mf, 0, "seconds is not a positive number:", seconds);
	if (hb_parse_u64(total, 1, UINT64_MAX, &m->total))
		return bad(mf, 0, "total is not a positive integer:", total);
	snprintf(m->kernel, sizeof(m->kernel), "%s", field(mf, 0, COL_KERNEL));
	for (size_t i = 1; i < mf->t->nrows; i++)
		for (int c = COL_SECONDS; c <= COL_KERNEL; c++)
			if (strcmp(field(mf, i, c), field(mf, 0, c)))
				return bad(mf, i, "a different value from the first row's in a column "
					   "every row repeats:", field(mf, i, c));
	return 0;
}

/* One syscall's row into s; its share must be its count over the total. */
static int read_row(const struct mix_file *mf, size_t i, uint64_t total, struct hb_mix_syscall *s)
{
	const char *nr = field(mf, i, COL_NR), *abi = field(mf, i, COL_ABI);
	const char *count = field(mf, i, COL_COUNT), *share = field(mf, i, COL_SHARE);
	bool outside = !strcmp(abi, HB_MIX_ABI_OUTSIDE);
	uint64_t v;
	double sh;

	if (!outside && strcmp(abi, HB_MIX_ABI_NATIVE) && strcmp(abi, HB_MIX_ABI_COMPAT))
		return bad(mf, i, "abi is not native, compat or outside:", abi);
	if (outside ? *nr != '\0' : hb_parse_u64(nr, 0, HB_MIX_CSV_NR_MAX - 1, &v))
		return bad(mf, i, outside ? "an outside row with a syscall_nr:"
					  : "syscall_nr is not an integer from 0 to 1023:", nr);
	s->nr = outside ? -1 : (long)v;
	if (hb_parse_u64(count, 0, total, &s->count))
		return bad(mf, i, "count is not an integer from 0 to the total:", count);
	if (hb_parse_double(share, 0, 1, &sh) || fabs(sh - (double)s->count / (double)total) > SHARE_SLACK)
		return bad(mf, i, "share is not count/total:", share);
	snprintf(s->name, sizeof(s->name), "%s", field(mf, i, COL_NAME));
	snprintf(s->abi, sizeof(s->abi), "%s", abi);
	return 0;
}

/* Keep s among the HB_MIX_TOP most frequent so far (insertion into top[], most first). */
static void rank(struct hb_mix *m, const struct hb_mix_syscall *s)
{
	size_t k = m->ntop < HB_MIX_TOP ? m->ntop++ : HB_MIX_TOP;

	if (k == HB_MIX_TOP && s->count <= m->top[HB_MIX_TOP - 1].count)
		return;
	if (k == HB_MIX_TOP)
		k--;
	while (k > 0 && m->top[k - 1].count < s->count) {
		m->top[k] = m->top[k - 1];
		k--;
	}
	m->top[k] = *s;
}

static bool is_native(const struct hb_mix_syscall *s, const char *name)
{
	return !strcmp(s->abi, HB_MIX_ABI_NATIVE) && !strcmp(s->name, name);
}

/* Every row: counts adding up to the total, no syscall twice, unlinkat present. */
static int read_rows(const struct mix_file *mf, struct hb_mix *m)
{
	static const struct hb_mix_syscall none;
	uint64_t sum = 0;
	bool seen[2][HB_MIX_CSV_NR_MAX] = { { false } }, outside = false, unlinkat = false;

	for (size_t i = 0; i < mf->t->nrows; i++) {
		struct hb_mix_syscall s = none;
		bool *dup;
		int err = read_row(mf, i, m->total, &s);

		if (err)
			return err;
		dup = s.nr < 0 ? &outside : &seen[!strcmp(s.abi, HB_MIX_ABI_COMPAT)][s.nr];
		if (*dup)
			return bad(mf, i, "a second row for syscall", *field(mf, i, COL_NR) ?
				   field(mf, i, COL_NR) : HB_MIX_ABI_OUTSIDE);
		*dup = true;
		if (is_native(&s, "unlinkat")) {
			m->unlinkat = s.count;
			unlinkat = true;
		} else if (is_native(&s, "unlink")) {
			m->unlink = s.count;
		}
		if (s.count > m->total - sum) {
			snprintf(mf->why, mf->len, "%.300s: the counts add up to more than the total %" PRIu64
				 " (a truncated or edited file)", mf->path, m->total);
			return -EINVAL;
		}
		sum += s.count;
		if (s.count)
			rank(m, &s);
	}
	if (sum != m->total) {
		snprintf(mf->why, mf->len, "%.300s: the counts add up to %" PRIu64 ", not the total %" PRIu64
			 " (a truncated or edited file)", mf->path, sum, m->total);
		return -EINVAL;
	}
	if (!unlinkat) {
		snprintf(mf->why, mf->len, "%.300s: no row for native unlinkat (hookbench mix always "
			 "writes one)", mf->path);
		return -EINVAL;
	}
	m->share = (double)m->unlinkat / (double)m->total;
	return 0;
}

int hb_mix_from_table(const struct hb_csv_table *t, const char *path, struct hb_mix *m, char *why,
		      size_t len)
{
	struct mix_file mf = { .path = path, .t = t, .why = why, .len = len };
	int err;

	memset(m, 0, sizeof(*m));
	err = check_header(&mf);
	if (!err)
		err = read_common(&mf, m);
	if (!err)
		err = read_rows(&mf, m);
	return err;
}

int hb_mix_read(const char *path, struct hb_mix *m, char *why, size_t len)
{
	struct hb_csv_table t;
	int err;

	memset(m, 0, sizeof(*m));
	err = hb_csv_load(path, &t, why, len);
	if (err)
		return err;
	err = hb_mix_from_table(&t, path, m, why, len);
	hb_csv_free(&t);
	return err;
}

/* v with a comma every three digits: 48,113. */
static void group_digits(uint64_t v, char *buf, size_t len)
{
	char digits[24];
	size_t n, out = 0;

	n = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, v);
	for (size_t i = 0; i < n && out + 2 < len; i++) {
		if (i && (n - i) % 3 == 0)
			buf[out++] = ',';
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
}

void hb_mix_describe(const struct hb_mix *m, char *buf, size_t len)
{
	char total[32], unlinkat[32];

	group_digits(m->total, total, sizeof(total));
	group_digits(m->unlinkat, unlinkat, sizeof(unlinkat));
	snprintf(buf, len, "%s unlinkat of %s syscalls over %.1f s on %s", unlinkat, total, m->seconds,
		 m->kernel);
}

static void print_syscall(FILE *f, const struct hb_mix_syscall *s, uint64_t total)
{
	char count[32];

	group_digits(s->count, count, sizeof(count));
	if (s->nr < 0)
		fputs("numbers outside the tables", f);
	else if (*s->name)
		fputs(s->name, f);
	else
		fprintf(f, "syscall %ld", s->nr);
	if (!strcmp(s->abi, HB_MIX_ABI_COMPAT))
		fputs(" (32-bit)", f);
	fprintf(f, " %s (%.3g%%)", count, 100.0 * (double)s->count / (double)total);
}

void hb_mix_print(FILE *f, const struct hb_mix *m)
{
	char unlinkat[32], total[32], unlink[32];

	group_digits(m->unlinkat, unlinkat, sizeof(unlinkat));
	group_digits(m->total, total, sizeof(total));
	fprintf(f, "unlinkat: %s of %s syscalls in %.1f s = %.3g%%", unlinkat, total, m->seconds,
		100 * m->share);
	if (m->unlink) {
		group_digits(m->unlink, unlink, sizeof(unlink));
		fprintf(f, "; unlink: %s more, not in that share (a kprobe on do_unlinkat sees them too)",
			unlink);
	}
	fputs("\nmost frequent:", f);
	for (size_t i = 0; i < m->ntop; i++) {
		fputs(i ? ", " : " ", f);
		print_syscall(f, &m->top[i], m->total);
	}
	fputc('\n', f);
}
