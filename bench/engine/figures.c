// SPDX-License-Identifier: GPL-2.0-only
#include "figures.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The reader's CPU time per record it read, for ringbuf cells; 0 for others. */
static double reader_ns_per_event(const struct hb_cell *c, bool reader_in_blocks)
{
	if (c->control || c->payload != HB_PAYLOAD_RINGBUF || reader_in_blocks ||
	    !storm_mode_unlinks(c->mode))
		return 0;
	return c->events_seen ? (double)c->consumer_ns / (double)c->events_seen : NAN;
}

static int headline_diffs(struct hb_figures *f, const struct hb_matrix *m)
{
	f->headline_diff = calloc(m->n ? m->n : 1, sizeof(*f->headline_diff));
	if (!f->headline_diff)
		return -ENOMEM;
	f->n = m->n;
	for (size_t i = 0; i < m->n; i++) {
		f->headline_diff[i] = malloc((m->nrounds ? m->nrounds : 1) * sizeof(double));
		if (!f->headline_diff[i])
			return -ENOMEM;
		for (size_t r = 0; r < m->nrounds; r++)
			f->headline_diff[i][r] = hb_speed_in_headline(&f->speed, m, i, r)
							 ? m->cells[i].visit_diff[r]
							 : NAN;
	}
	return 0;
}

/* The overhead's between-run interval widened by the spread of earlier runs of the cell. */
static int add_history(struct hb_cell_figures *cf, const struct hb_cell *c,
		       const struct hb_history *history)
{
	double earlier[HB_HISTORY_MAX_RUNS];
	size_t n;

	if (!history)
		return 0;
	n = hb_history_estimates(history, c->hook->name, hb_cell_payload_name(c),
				 storm_mode_names[c->mode], c->threads, earlier);
	return hb_between_with_history(&cf->overhead.between, cf->overhead.median, earlier, n,
				       HB_CONFIDENCE, &cf->spread);
}

int hb_figures_compute(struct hb_figures *f, const struct hb_matrix *m, const struct run_opts *o,
		       bool reader_in_blocks, const struct hb_history *history)
{
	int err;

	memset(f, 0, sizeof(*f));
	f->cell = calloc(m->n ? m->n : 1, sizeof(*f->cell));
	if (!f->cell)
		return -ENOMEM;
	err = hb_speed_compute(&f->speed, m);
	if (!err)
		err = headline_diffs(f, m);
	for (size_t i = 0; i < m->n && !err; i++) {
		err = hb_overhead_of_visits(f->headline_diff[i], m->nrounds, o->replicates,
					    HB_CONFIDENCE, o->icount, &f->cell[i].overhead);
		if (!err)
			err = add_history(&f->cell[i], &m->cells[i], history);
	}
	for (size_t i = 0; i < m->n && !err; i++) {
		struct hb_cell_figures *cf = &f->cell[i];
		const struct hb_cell *c = &m->cells[i];
		const struct hb_cell *empty = hb_cell_breakdown_partner(m, c);
		size_t e = empty ? (size_t)(empty - m->cells) : 0;

		err = hb_ratio_of_cell(m, c, (const double *const *)f->headline_diff, o->replicates,
				       HB_CONFIDENCE, o->icount, &cf->ratio);
		if (!err)
			err = hb_cell_breakdown_of(f->headline_diff[i],
						   empty ? f->headline_diff[e] : NULL,
						   empty ? &f->cell[e].overhead : NULL, m->nrounds,
						   &cf->breakdown);
		cf->total_ns = cf->overhead.median + reader_ns_per_event(c, reader_in_blocks);
	}
	return err;
}

void hb_figures_free(struct hb_figures *f)
{
	for (size_t i = 0; f->headline_diff && i < f->n; i++)
		free(f->headline_diff[i]);
	free(f->headline_diff);
	free(f->cell);
	hb_speed_free(&f->speed);
	f->cell = NULL;
	f->headline_diff = NULL;
}
