// SPDX-License-Identifier: GPL-2.0-only
#include "table.h"

#include <math.h>
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
