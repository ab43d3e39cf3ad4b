// SPDX-License-Identifier: GPL-2.0-only
#include "states_csv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "csv.h"
#include "overhead.h"

static const char *const columns[] = {
	"hook", "payload", "mode", "threads", "state", "baseline_ns_per_op",
	"baseline_low_ns_per_op", "baseline_high_ns_per_op", "share_of_run", "visits",
	"overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns", "headline", "unit",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* Cell i's visit differences that count for `state` into d (NAN for the others). */
static void state_diffs(const struct hb_matrix *m, const struct hb_speed *s, size_t i,
			unsigned state, double *d)
{
	for (size_t r = 0; r < m->nrounds; r++)
		d[r] = hb_speed_visit_in(s, m, i, r, state) ? m->cells[i].visit_diff[r] : NAN;
}

/* One state's row: summary.csv's estimator (hb_overhead_of_visits()) on its visits. */
static int write_row(FILE *f, const struct hb_matrix *m, const struct hb_cell *c,
		     const struct hb_states *st, unsigned state, bool headline, const double *d,
		     double conf, const char *unit)
{
	char fields[NCOLUMNS][64];
	const char *ptrs[NCOLUMNS];
	struct hb_overhead oh;
	int err = hb_overhead_of_visits(d, m->nrounds, 1, conf, &oh);

	if (err)
		return err;
	snprintf(fields[0], 64, "%s", c->hook->name);
	snprintf(fields[1], 64, "%s", hb_cell_payload_name(c));
	snprintf(fields[2], 64, "%s", storm_mode_names[c->mode]);
	snprintf(fields[3], 64, "%u", c->threads);
	snprintf(fields[4], 64, "%u", state + 1);
	hb_csv_number(fields[5], 64, st->level[state], 2);
	hb_csv_number(fields[6], 64, st->low[state], 2);
	hb_csv_number(fields[7], 64, st->high[state], 2);
	hb_csv_number(fields[8], 64, st->share[state], 4);
	snprintf(fields[9], 64, "%zu", oh.visits);
	hb_csv_number(fields[10], 64, oh.median, 2);
	hb_csv_number(fields[11], 64, oh.ci.valid ? oh.ci.low : NAN, 2);
	hb_csv_number(fields[12], 64, oh.ci.valid ? oh.ci.high : NAN, 2);
	snprintf(fields[13], 64, "%d", headline);
	snprintf(fields[14], 64, "%s", unit);
	for (size_t k = 0; k < NCOLUMNS; k++)
		ptrs[k] = fields[k];
	hb_csv_row(f, ptrs, NCOLUMNS);
	return 0;
}

int hb_states_csv_write(FILE *f, const struct hb_matrix *m, const struct hb_speed *s,
			double conf, const char *unit)
{
	double *d = malloc((m->nrounds ? m->nrounds : 1) * sizeof(*d));
	int err = 0;

	if (!d)
		return -ENOMEM;
	hb_csv_row(f, columns, NCOLUMNS);
	for (size_t i = 0; i < m->n && !err; i++) {
		const struct hb_states *st = hb_speed_states_of(s, i);

		if (!m->cells[i].npairs)
			continue;
		for (unsigned state = 0; state < st->n && !err; state++) {
			state_diffs(m, s, i, state, d);
			err = write_row(f, m, &m->cells[i], st, state,
					state == hb_speed_headline_of(s, i), d, conf, unit);
		}
	}
	free(d);
	return err ? err : ferror(f) ? -EIO : 0;
}
