// SPDX-License-Identifier: GPL-2.0-only
#include "figures.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The reader's CPU time per record it read, for ringbuf cells; 0 for others. */
static double reader_ns_per_event(const struct hb_cell *c, bool reader_in_blocks)
{
	if (c->control || c->payload != HB_PAYLOAD_RINGBUF || reader_in_blocks)
		return 0;
	return c->events_seen ? (double)c->consumer_ns / (double)c->events_seen : NAN;
}

int hb_figures_compute(struct hb_figures *f, const struct hb_matrix *m, const struct run_opts *o,
		       bool reader_in_blocks)
{
	int err = 0;

	memset(f, 0, sizeof(*f));
	f->cell = calloc(m->n ? m->n : 1, sizeof(*f->cell));
	if (!f->cell)
		return -ENOMEM;
	for (size_t i = 0; i < m->n && !err; i++)
		err = hb_overhead_of_cell(&m->cells[i], m->nrounds, o->replicates, HB_CONFIDENCE,
					  &f->cell[i].overhead);
	for (size_t i = 0; i < m->n && !err; i++) {
		struct hb_cell_figures *cf = &f->cell[i];
		const struct hb_cell *c = &m->cells[i];

		const struct hb_cell *empty = hb_breakdown_partner(m, c);

		err = hb_ratio_of_cell(m, c, o->replicates, HB_CONFIDENCE, &cf->ratio);
		if (!err)
			err = hb_breakdown_of_cell(c, empty,
						   empty ? &f->cell[empty - m->cells].overhead : NULL,
						   m->nrounds, &cf->breakdown);
		cf->total_ns = cf->overhead.median + reader_ns_per_event(c, reader_in_blocks);
	}
	if (!err)
		err = hb_speed_compute(&f->speed, m);
	return err;
}

void hb_figures_free(struct hb_figures *f)
{
	free(f->cell);
	hb_speed_free(&f->speed);
	f->cell = NULL;
}
