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
#include "run_spread.h"
#include "run_opts.h"
#include "speed_states.h"

struct hb_cell_figures {
	struct hb_overhead overhead;
	struct hb_ratio ratio;
	struct hb_cell_breakdown breakdown;
	double total_ns; /* overhead plus the ring-buffer reader's CPU time per event */
	struct hb_run_spread spread; /* earlier runs' part of overhead.between (runs 0: none) */
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
 * history: earlier runs like this one (NULL: none); their spread widens each
 * overhead's between-run interval (common/run_spread.h).
 * Returns 0, or -ENOMEM. Free with hb_figures_free() either way.
 */
int hb_figures_compute(struct hb_figures *f, const struct hb_matrix *m, const struct run_opts *o,
		       bool reader_in_blocks, const struct hb_history *history);

void hb_figures_free(struct hb_figures *f);

#endif
