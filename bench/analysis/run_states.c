// SPDX-License-Identifier: GPL-2.0-only
#include "run_states.h"

#include <math.h>

size_t hb_run_speed_states(const struct hb_results *r)
{
	double most = 0;

	for (size_t i = 0; i < r->summary.nrows; i++)
		most = fmax(most, hb_results_num(r, i, "speed_states"));
	return most >= 1 ? (size_t)most : 0;
}

double hb_state_num(const struct hb_results *r, size_t i, const char *col)
{
	return hb_table_num(&r->states, i, col);
}

size_t hb_states_of(const struct hb_results *r, size_t row, size_t *out, size_t max)
{
	const struct hb_match cell[] = {
		{ "hook", hb_results_str(r, row, "hook") },
		{ "payload", hb_results_str(r, row, "payload") },
		{ "mode", hb_results_str(r, row, "mode") },
		{ "threads", hb_results_str(r, row, "threads") },
		{ NULL, NULL },
	};
	size_t n = 0;

	for (long i = hb_table_find(&r->states, 0, cell); i >= 0 && n < max;
	     i = hb_table_find(&r->states, (size_t)i + 1, cell))
		out[n++] = (size_t)i;
	/* Insertion sort by state number: a handful of rows, usually in order already. */
	for (size_t k = 1; k < n; k++) {
		size_t v = out[k], j = k;

		while (j > 0 && hb_state_num(r, out[j - 1], "state") > hb_state_num(r, v, "state")) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = v;
	}
	return n;
}
