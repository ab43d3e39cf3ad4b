// SPDX-License-Identifier: GPL-2.0-only
#include "states_csv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "csv.h"
#include "stats.h"

static const char *const columns[] = {
	"hook", "payload", "mode", "threads", "state", "baseline_ns_per_op",
	"baseline_low_ns_per_op", "baseline_high_ns_per_op", "share_of_run", "visits",
	"overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns", "headline", "unit",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* The finite visit differences of cell i that count for `state` into d; returns how many. */
static size_t state_diffs(const struct hb_matrix *m, const struct hb_speed *s, size_t i,
			  unsigned state, double *d)
{
	const double *v = m->cells[i].visit_diff;
	size_t n = 0;

	for (size_t r = 0; r < m->nrounds; r++)
		if (isfinite(v[r]) && hb_speed_visit_in(s, m, i, r, state))
			d[n++] = v[r];
	return n;
}

static void write_row(FILE *f, const struct hb_cell *c, const struct hb_states *st,
		      unsigned state, bool headline, double *d, size_t n, double conf,
		      const char *unit)
{
	char fields[NCOLUMNS][64];
	const char *ptrs[NCOLUMNS];
	struct hb_ci ci;
	double median;

	/* As overhead.c: the median of any visits, its interval where there are enough. */
	hb_median_ci(d, n, conf, &ci); /* sorts d */
	median = hb_median(d, n);
	snprintf(fields[0], 64, "%s", c->hook->name);
	snprintf(fields[1], 64, "%s", hb_cell_payload_name(c));
	snprintf(fields[2], 64, "%s", storm_mode_names[c->mode]);
	snprintf(fields[3], 64, "%u", c->threads);
	snprintf(fields[4], 64, "%u", state + 1);
	hb_csv_number(fields[5], 64, st->level[state], 2);
	hb_csv_number(fields[6], 64, st->low[state], 2);
	hb_csv_number(fields[7], 64, st->high[state], 2);
	hb_csv_number(fields[8], 64, st->share[state], 4);
	snprintf(fields[9], 64, "%zu", n);
	hb_csv_number(fields[10], 64, median, 2);
	hb_csv_number(fields[11], 64, ci.valid ? ci.low : NAN, 2);
	hb_csv_number(fields[12], 64, ci.valid ? ci.high : NAN, 2);
	snprintf(fields[13], 64, "%d", headline);
	snprintf(fields[14], 64, "%s", unit);
	for (size_t k = 0; k < NCOLUMNS; k++)
		ptrs[k] = fields[k];
	hb_csv_row(f, ptrs, NCOLUMNS);
}

int hb_states_csv_write(FILE *f, const struct hb_matrix *m, const struct hb_speed *s,
			double conf, const char *unit)
{
	double *d = malloc((m->nrounds ? m->nrounds : 1) * sizeof(*d));

	if (!d)
		return -ENOMEM;
	hb_csv_row(f, columns, NCOLUMNS);
	for (size_t i = 0; i < m->n; i++) {
		const struct hb_states *st = hb_speed_states_of(s, i);

		if (!m->cells[i].npairs)
			continue;
		for (unsigned state = 0; state < st->n; state++)
			write_row(f, &m->cells[i], st, state, state == hb_speed_headline_of(s, i), d,
				  state_diffs(m, s, i, state, d), conf, unit);
	}
	free(d);
	return ferror(f) ? -EIO : 0;
}
