/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rows of a CSV table (summary.csv, runs.csv, hyperfine.csv) found and read
 * by column name, never by position.
 */
#ifndef HB_TABLE_H
#define HB_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "csv_read.h"

/* A column and the value a row must hold there. Lists end with { NULL }. */
struct hb_match {
	const char *col;
	const char *value;
};

/* Field of row in column col; "" when the table has no such column. */
const char *hb_table_str(const struct hb_csv_table *t, size_t row, const char *col);

/* The same as a number; NAN when empty or not a number. */
double hb_table_num(const struct hb_csv_table *t, size_t row, const char *col);

/*
 * What a numeric column may hold. Each bound refuses only what no run can
 * produce: a count is a whole number of things, never negative; a figure is
 * per operation or per event, and no hook adds a second (1e9 ns, or 1e9
 * guest instructions: about a second of an emulated CPU) to one call, so a
 * magnitude above HB_FIGURE_MAX is a damaged file, not a measurement; a
 * block's time per operation is a duration, never negative, with no upper
 * bound (a block stalled by a suspend can take seconds per call); a share
 * is a fraction of the run.
 */
enum hb_value_kind {
	HB_VALUE_COUNT,  /* an integer >= 0 */
	HB_VALUE_FIGURE, /* |v| <= HB_FIGURE_MAX (ns, guest instructions, µs or a ratio) */
	HB_VALUE_SHARE,  /* 0 <= v <= 1 */
	HB_VALUE_DURATION, /* v >= 0 */
};

#define HB_FIGURE_MAX 1e9

struct hb_value_rule {
	const char *col;
	enum hb_value_kind kind;
};

/*
 * Check every non-empty field of each rule's column (columns the table lacks
 * are left to the caller): 0, or -EINVAL with why naming path, the row (as
 * a line of the file), the column and the value.
 */
int hb_table_check_values(const struct hb_csv_table *t, const char *path,
			  const struct hb_value_rule *rules, size_t nrules, char *why, size_t len);

/* True when row holds every value of m. */
bool hb_table_matches(const struct hb_csv_table *t, size_t row, const struct hb_match *m);

/* The first row at or after from that matches m; -1 when there is none. */
long hb_table_find(const struct hb_csv_table *t, size_t from, const struct hb_match *m);

/* True when rows a and b hold the same values in cols (a list ending with NULL). */
bool hb_table_same(const struct hb_csv_table *t, size_t a, size_t b, const char *const *cols);

/* True when no row before row holds its values in cols: the first of its kind. */
bool hb_table_first_of(const struct hb_csv_table *t, size_t row, const char *const *cols);

#endif
