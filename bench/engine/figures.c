// SPDX-License-Identifier: GPL-2.0-only
#include "figures.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/*
 * The smallest change the instrument shows in a per-op figure: one clock
 * tick, or under -icount one guest instruction, over a block.
 */
static double resolution_per_op(const struct run_opts *o, size_t mode)
{
	struct timespec res = { .tv_nsec = 1 };

	if (!o->icount)
		clock_getres(o->clock == HB_CLOCK_CPU ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &res);
	return ((double)res.tv_sec * 1e9 + (double)res.tv_nsec) / (double)hb_ops_per_block(o, mode);
}

/* Earlier runs' `column` for cell c, into earlier[]; how many. */
static size_t history_of(const struct hb_history *history, const struct hb_matrix *m,
			 const struct run_opts *o, const struct hb_cell *c, const char *column,
			 double *earlier)
{
	if (!history)
		return 0;
	return hb_history_estimates(history, column,
				    strcmp(column, "ratio_vs_reference") ? NULL : m->reference->name,
				    c->hook->name, hb_cell_payload_name(c), storm_mode_names[c->mode],
				    c->threads, hb_ops_per_block(o, c->mode), earlier);
}

/*
 * Where another run's overhead and ratio of cell i land (common/between_run.h);
 * ref: its reference cell.
 */
static int between_runs(struct hb_figures *f, const struct hb_matrix *m, const struct run_opts *o,
			size_t i, const struct hb_cell *ref, const struct hb_history *history)
{
	struct hb_cell_figures *cf = &f->cell[i];
	const struct hb_cell *c = &m->cells[i];
	double earlier[HB_MAX_EARLIER_RUNS], tick = resolution_per_op(o, c->mode);
	size_t n;
	int err;

	n = history_of(history, m, o, c, "overhead_ns_per_event", earlier);
	err = hb_between_run(&cf->overhead.replicates, cf->overhead.median, earlier, n, tick,
			     HB_CONFIDENCE, &cf->overhead.between);
	if (err || !cf->ratio.known || cf->ratio.is_reference)
		return err;
	n = history_of(history, m, o, c, "ratio_vs_reference", earlier);
	return hb_between_run(&cf->ratio.replicates, cf->ratio.median, earlier, n,
			      tick / fabs(f->cell[ref - m->cells].overhead.median), HB_CONFIDENCE,
			      &cf->ratio.between);
}

/* Whether the control of c's mode and threads has a 95% CI that excludes 0. */
static bool control_biased(const struct hb_figures *f, const struct hb_matrix *m,
			   const struct hb_cell *c)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct hb_ci *ci = &f->cell[i].overhead.ci;

		if (m->cells[i].control && m->cells[i].mode == c->mode &&
		    m->cells[i].threads == c->threads)
			return ci->valid && (ci->low > 0 || ci->high < 0);
	}
	return false;
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
					    HB_CONFIDENCE, &f->cell[i].overhead);
	}
	for (size_t i = 0; i < m->n && !err; i++) {
		struct hb_cell_figures *cf = &f->cell[i];
		const struct hb_cell *c = &m->cells[i];
		const struct hb_cell *empty = hb_cell_breakdown_partner(m, c);
		const struct hb_cell *ref = hb_ratio_reference_cell(m, c);
		size_t e = empty ? (size_t)(empty - m->cells) : 0;

		err = hb_ratio_of_cell(m, c, (const double *const *)f->headline_diff,
				       ref ? &f->cell[ref - m->cells].overhead.ci : NULL,
				       o->replicates, &cf->ratio);
		if (!err)
			err = between_runs(f, m, o, i, ref, history);
		if (!err)
			err = hb_cell_breakdown_of(f->headline_diff[i],
						   empty ? f->headline_diff[e] : NULL,
						   empty ? &f->cell[e].overhead : NULL, m->nrounds,
						   &cf->breakdown);
		cf->total_ns = cf->overhead.median + reader_ns_per_event(c, reader_in_blocks);
		cf->control_biased = control_biased(f, m, c);
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

void hb_figures_flags(const struct hb_cell *c, const struct hb_cell_figures *cf, char *buf,
		      size_t len)
{
	const struct hb_ci *ci = &cf->overhead.ci;
	const struct {
		bool set;
		const char *name;
	} flags[] = {
		{ cf->overhead.between.at_resolution, "at_resolution" },
		{ cf->ratio.between.at_resolution, "ratio_at_resolution" },
		{ !c->control && ci->valid && ci->high < 0, "below_zero" },
		{ cf->control_biased, "control_biased" },
		{ cf->ratio.reference_not_above_zero, "reference_not_above_zero" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (flags[i].set && used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ";" : "",
						 flags[i].name);
}
