/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading RFC 4180 CSV with a header row (summary.csv, runs.csv). */
#ifndef HB_CSV_READ_H
#define HB_CSV_READ_H

#include <stddef.h>

struct hb_csv_table {
	size_t ncols;
	size_t nrows;
	char **header;  /* ncols names */
	char ***rows;   /* nrows rows of ncols fields */
};

/*
 * Parse text: a header row, then rows with exactly as many fields. Quoted
 * fields may hold commas, doubled quotes and line breaks; CRLF is accepted.
 * Returns 0, -EINVAL with why (line number and what is wrong), or -ENOMEM.
 */
int hb_csv_parse(const char *text, size_t len, struct hb_csv_table *t, char *why, size_t whylen);

/* hb_csv_parse() on a file (at most 256 MiB). */
int hb_csv_load(const char *path, struct hb_csv_table *t, char *why, size_t whylen);

/* Column index of name, or -1. */
int hb_csv_col(const struct hb_csv_table *t, const char *name);

/* Field of row in column col; "" when col is -1. */
const char *hb_csv_get(const struct hb_csv_table *t, size_t row, int col);

void hb_csv_free(struct hb_csv_table *t);

#endif
