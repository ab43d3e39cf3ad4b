/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The paired run's speed states, applied to the whole-command rounds. The
 * paired figures are those of the headline state (bench/engine/speed_states.h);
 * a round of the whole-command check counts only when its bare command ran
 * in that state too, so that both estimates describe the same machine.
 */
#ifndef HB_CROSSCHECK_STATES_H
#define HB_CROSSCHECK_STATES_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"
#include "run_states.h"

struct hb_state_levels {
	double level[HB_RUN_MAX_STATES]; /* baseline ns per call of each state, fastest first */
	size_t n;
	size_t headline; /* index of the headline state; n when the run pooled its states */
	double baseline; /* the paired baseline: the headline level, else summary.csv's */
};

/*
 * The states of summary row `row` (the paired cell) from states.csv. A run
 * without states.csv rows, or that pooled them, has n 0 or headline n.
 * baseline is NAN for row -1.
 */
void hb_state_levels_of(const struct hb_results *r, long row, struct hb_state_levels *s);

/* The state nearest to ns per call (by ratio), as an index into s->level; 0 when n is 0. */
size_t hb_state_nearest(const struct hb_state_levels *s, double ns);

/*
 * Whether a round whose bare command ran at ns per call counts: when it is
 * within HB_CROSSCHECK_BARE_DRIFT of the paired baseline, a speed the
 * paired run saw, and in a run of several states the headline is also the
 * nearest level (by ratio); without a paired run, always.
 */
bool hb_state_kept(const struct hb_state_levels *s, double ns);

/* Whether it was left out for running slower than the paired baseline. */
bool hb_state_slower(const struct hb_state_levels *s, double ns);

#endif
