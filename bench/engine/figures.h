/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every figure a run reports about its cells, computed once when measuring
 * has ended: the speed states, then, from the visits in the headline state
 * (speed_states.h), the overhead and its intervals, the ratio to the
 * reference hook, the dispatch/body breakdown and the cost with the
 * ring-buffer reader counted.
 */
#ifndef HB_FIGURES_H
#define HB_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "cell_breakdown.h"
#include "history.h"
#include "matrix.h"
#include "overhead.h"
#include "ratio.h"
#include "run_opts.h"
#include "speed_states.h"

struct hb_cell_figures {
	struct hb_overhead overhead;
	struct hb_ratio ratio;
	struct hb_cell_breakdown breakdown;
	double total_ns; /* overhead plus the ring-buffer reader's CPU time per event */
	bool control_biased; /* the control of this mode and threads has a 95% CI that
			      * excludes 0: every figure of the group carries its bias */
};

struct hb_figures {
	size_t n;                     /* cells */
	struct hb_cell_figures *cell; /* one per m->cells[i] */
	struct hb_speed speed;
	double **headline_diff;       /* per cell: its visit differences in the headline
				       * speed state, NAN for the other rounds */
};

/*
 * reader_in_blocks: the reader shared the measured CPU, so its time is
 * already in the blocks' (and must not be added again for total_ns).
 * history: earlier runs like this one (NULL: none); their spread is the
 * run-level part of each between-run interval, the overhead's and the
 * ratio's (common/between_run.h).
 * Returns 0, or -ENOMEM. Free with hb_figures_free() either way.
 */
int hb_figures_compute(struct hb_figures *f, const struct hb_matrix *m, const struct run_opts *o,
		       bool reader_in_blocks, const struct hb_history *history);

void hb_figures_free(struct hb_figures *f);

/*
 * summary.csv's flags for cell c, ';'-separated (docs/outputs.md):
 * at_resolution and ratio_at_resolution (an interval widened to what the
 * instrument resolves), below_zero (a hook's 95% CI lies below 0),
 * control_biased (the control of its mode and threads excludes 0) and
 * reference_not_above_zero (no ratio: the reference's CI reaches 0).
 */
void hb_figures_flags(const struct hb_cell *c, const struct hb_cell_figures *cf, char *buf,
		      size_t len);

#endif
