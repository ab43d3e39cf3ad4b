// SPDX-License-Identifier: GPL-2.0-only
#include "table.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hb_table_str(const struct hb_csv_table *t, size_t row, const char *col)
{
	return hb_csv_get(t, row, hb_csv_col(t, col));
}

double hb_table_num(const struct hb_csv_table *t, size_t row, const char *col)
{
	const char *s = hb_table_str(t, row, col);
	char *end;
	double v;

	if (!*s)
		return NAN;
	v = strtod(s, &end);
	return *end || !isfinite(v) ? NAN : v;
}

bool hb_table_matches(const struct hb_csv_table *t, size_t row, const struct hb_match *m)
{
	for (; m->col; m++)
		if (strcmp(hb_table_str(t, row, m->col), m->value))
			return false;
	return true;
}

long hb_table_find(const struct hb_csv_table *t, size_t from, const struct hb_match *m)
{
	for (size_t row = from; row < t->nrows; row++)
		if (hb_table_matches(t, row, m))
			return (long)row;
	return -1;
}

bool hb_table_same(const struct hb_csv_table *t, size_t a, size_t b, const char *const *cols)
{
	for (; *cols; cols++)
		if (strcmp(hb_table_str(t, a, *cols), hb_table_str(t, b, *cols)))
			return false;
	return true;
}

bool hb_table_first_of(const struct hb_csv_table *t, size_t row, const char *const *cols)
{
	for (size_t before = 0; before < row; before++)
		if (hb_table_same(t, before, row, cols))
			return false;
	return true;
}

static const char *value_problem(enum hb_value_kind kind, double v)
{
	if (isnan(v))
		return "not a finite number";
	switch (kind) {
	case HB_VALUE_COUNT:
		if (v < 0)
			return "a negative count";
		return v != floor(v) || v > 0x1p53 ? "not a whole count" : NULL;
	case HB_VALUE_FIGURE:
		return fabs(v) > HB_FIGURE_MAX ? "beyond any measurement (over 1e9)" : NULL;
	case HB_VALUE_DURATION:
		return isinf(v) ? "not a finite number" : v < 0 ? "a negative duration" : NULL;
	case HB_VALUE_SHARE:
		return v < 0 || v > 1 ? "not a share between 0 and 1" : NULL;
	}
	return NULL;
}

int hb_table_check_values(const struct hb_csv_table *t, const char *path,
			  const struct hb_value_rule *rules, size_t nrules, char *why, size_t len)
{
	for (size_t k = 0; k < nrules; k++) {
		if (hb_csv_col(t, rules[k].col) < 0)
			continue;
		for (size_t row = 0; row < t->nrows; row++) {
			const char *s = hb_table_str(t, row, rules[k].col);
			const char *problem = *s ? value_problem(rules[k].kind, hb_table_num(t, row, rules[k].col)) : NULL;

			if (problem) {
				snprintf(why, len, "%.300s: malformed: line %zu has %s '%.40s': %s", path, row + 2,
					 rules[k].col, s, problem);
				return -EINVAL;
			}
		}
	}
	return 0;
}
