// SPDX-License-Identifier: GPL-2.0-only
#include "fleet_merge.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "summary_json.h"

/* Columns merge writes itself, whatever the sources hold there. */
static const char *const own_columns[] = { "host", "arch", "source" };
#define NOWN (sizeof(own_columns) / sizeof(own_columns[0]))

static bool listed(const char *const *cols, size_t n, const char *col)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(cols[i], col))
			return true;
	return false;
}

/* The union of the sources' columns (with kernel and unit if none has them), then host, arch, source. */
static const char **merged_columns(const struct hb_fleet_input *in, size_t *n)
{
	size_t cap = NOWN;
	const char **cols;

	for (size_t i = 0; i < in->n; i++)
		cap += in->src[i].r.summary.ncols;
	cols = calloc(cap, sizeof(*cols));
	if (!cols)
		return NULL;
	*n = 0;
	for (size_t i = 0; i < in->n; i++) {
		const struct hb_csv_table *t = &in->src[i].r.summary;

		for (size_t c = 0; c < t->ncols; c++)
			if (!listed(cols, *n, t->header[c]) && !listed(own_columns, NOWN, t->header[c]))
				cols[(*n)++] = t->header[c];
	}
	for (size_t k = 0; k < NOWN; k++)
		cols[(*n)++] = own_columns[k];
	return cols;
}

static const char *field(const struct hb_fleet_source *s, size_t src_no, size_t row, const char *col,
			 char *num, size_t len)
{
	if (!strcmp(col, "host"))
		return s->host;
	if (!strcmp(col, "arch"))
		return s->arch;
	if (!strcmp(col, "source")) {
		snprintf(num, len, "%zu", src_no);
		return num;
	}
	if (!strcmp(col, "kernel") && strcmp(s->kernel, "unknown"))
		return s->kernel;
	return hb_results_str(&s->r, row, col);
}

/* Every source's rows under the merged columns, to emit(ctx, fields). */
static int each_row(const struct hb_fleet_input *in, void (*begin)(void *ctx, const char **cols, size_t n),
		    void (*emit)(void *ctx, const char **fields), void *ctx)
{
	size_t n;
	const char **cols = merged_columns(in, &n);
	const char **fields;
	char num[32];

	if (!cols)
		return -ENOMEM;
	fields = calloc(n, sizeof(*fields));
	if (!fields) {
		free(cols);
		return -ENOMEM;
	}
	begin(ctx, cols, n);
	for (size_t i = 0; i < in->n; i++) {
		for (size_t row = 0; row < in->src[i].r.summary.nrows; row++) {
			for (size_t c = 0; c < n; c++)
				fields[c] = field(&in->src[i], i + 1, row, cols[c], num, sizeof(num));
			emit(ctx, fields);
		}
	}
	free(fields);
	free(cols);
	return 0;
}

struct csv_out {
	FILE *f;
	size_t n;
};

static void csv_begin(void *ctx, const char **cols, size_t n)
{
	struct csv_out *out = ctx;

	out->n = n;
	hb_csv_row(out->f, cols, n);
}

static void csv_row(void *ctx, const char **fields)
{
	struct csv_out *out = ctx;

	hb_csv_row(out->f, fields, out->n);
}

int hb_fleet_write_summary(const struct hb_fleet_input *in, FILE *f)
{
	struct csv_out out = { .f = f };
	int err = each_row(in, csv_begin, csv_row, &out);

	return err ? err : ferror(f) ? -EIO : 0;
}

struct json_out {
	FILE *f;
	struct hb_summary_json s;
};

static void json_begin(void *ctx, const char **cols, size_t n)
{
	struct json_out *out = ctx;

	hb_summary_json_begin(&out->s, out->f, cols, n);
}

static void json_row(void *ctx, const char **fields)
{
	struct json_out *out = ctx;

	hb_summary_json_row(&out->s, fields);
}

int hb_fleet_write_summary_json(const struct hb_fleet_input *in, FILE *f)
{
	struct json_out out = { .f = f };
	int err = each_row(in, json_begin, json_row, &out);

	return err ? err : hb_summary_json_end(&out.s);
}
