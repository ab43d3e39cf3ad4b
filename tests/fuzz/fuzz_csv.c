// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the CSV reader behind compare and report (summary.csv,
 * runs.csv). A table that parses is written back with the CSV writer that
 * run uses and must read back the same.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "csv_read.h"
#include "fuzz.h"

/* Columns compare and report look up. */
static const char *const columns[] = {
	"hook", "payload", "mode", "threads", "status", "ns_per_op", "ci95_low_ns", "agree", "",
};

static void check_table(const struct hb_csv_table *t)
{
	FUZZ_CHECK(t->ncols > 0 && t->header);
	FUZZ_CHECK(t->nrows == 0 || t->rows);
	for (size_t c = 0; c < t->ncols; c++) {
		int found;

		FUZZ_CHECK(t->header[c]);
		found = hb_csv_col(t, t->header[c]);
		FUZZ_CHECK(found >= 0 && (size_t)found <= c);
		FUZZ_CHECK(strcmp(t->header[found], t->header[c]) == 0);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		FUZZ_CHECK(t->rows[r]);
		for (size_t c = 0; c < t->ncols; c++) {
			FUZZ_CHECK(t->rows[r][c]);
			FUZZ_CHECK(hb_csv_get(t, r, (int)c) == t->rows[r][c]);
		}
		FUZZ_CHECK(hb_csv_get(t, r, -1) && !*hb_csv_get(t, r, -1));
		FUZZ_CHECK(hb_csv_get(t, r, (int)t->ncols) && !*hb_csv_get(t, r, (int)t->ncols));
	}
	FUZZ_CHECK(hb_csv_get(t, t->nrows, 0) && !*hb_csv_get(t, t->nrows, 0));
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		int c = hb_csv_col(t, columns[i]);

		FUZZ_CHECK(c >= -1 && c < (int)t->ncols);
		if (c >= 0)
			FUZZ_CHECK(strcmp(t->header[c], columns[i]) == 0);
		for (size_t r = 0; r < t->nrows; r++)
			FUZZ_CHECK(hb_csv_get(t, r, c) != NULL);
	}
}

static int same_row(char **a, char **b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

/* Write t with hb_csv_row() and read it back. */
static void check_round_trip(const struct hb_csv_table *t)
{
	struct hb_csv_table back;
	char *text = NULL, why[256];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (!f)
		return;
	hb_csv_row(f, (const char *const *)t->header, t->ncols);
	for (size_t r = 0; r < t->nrows; r++)
		hb_csv_row(f, (const char *const *)t->rows[r], t->ncols);
	if (fclose(f) != 0) {
		free(text);
		return;
	}
	err = hb_csv_parse(text, len, &back, why, sizeof(why));
	if (err != -ENOMEM) {
		FUZZ_CHECK(err == 0);
		FUZZ_CHECK(back.ncols == t->ncols && back.nrows == t->nrows);
		FUZZ_CHECK(same_row(back.header, t->header, t->ncols));
		for (size_t r = 0; r < t->nrows; r++)
			FUZZ_CHECK(same_row(back.rows[r], t->rows[r], t->ncols));
	}
	hb_csv_free(&back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hb_csv_table t;
	char why[256];
	int err;

	/* Not NUL-terminated on purpose: the reader must keep within len. */
	why[0] = '\0';
	err = hb_csv_parse((const char *)data, size, &t, why, sizeof(why));
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ENOMEM);
	if (err == 0) {
		check_table(&t);
		check_round_trip(&t);
	} else {
		/* A failed parse leaves nothing to free. */
		FUZZ_CHECK(t.ncols == 0 && t.nrows == 0 && !t.header && !t.rows);
		if (err == -EINVAL) {
			char *small = malloc(16);

			FUZZ_CHECK(why[0] != '\0' && fuzz_terminated(why, sizeof(why)));
			/* A short why is cut, never overrun (small is exactly 16 bytes). */
			if (small) {
				struct hb_csv_table again;

				FUZZ_CHECK(hb_csv_parse((const char *)data, size, &again, small, 16) == err);
				FUZZ_CHECK(fuzz_terminated(small, 16));
				FUZZ_CHECK(strncmp(small, why, 15) == 0);
				hb_csv_free(&again);
				free(small);
			}
		}
	}
	hb_csv_free(&t);
	FUZZ_CHECK(t.ncols == 0 && t.nrows == 0 && !t.header && !t.rows);
	return 0;
}
