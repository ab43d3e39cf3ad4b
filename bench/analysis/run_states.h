/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Speed states: the distinct baseline levels a run found (the machine ran
 * at more than one speed), from summary.csv's speed_states and states.csv.
 */
#ifndef HB_RUN_STATES_H
#define HB_RUN_STATES_H

#include <stddef.h>

#include "results.h"

#define HB_RUN_MAX_STATES 16

/* The most speed states any row of r reports; 0 when the run does not say. */
size_t hb_run_speed_states(const struct hb_results *r);

/*
 * The states.csv rows of the cell of summary row `row` (same hook, payload,
 * mode and threads), in the order of their state number (1 = fastest),
 * at most max of them. Returns how many.
 */
size_t hb_states_of(const struct hb_results *r, size_t row, size_t *out, size_t max);

/* A field of states.csv row i, as a number (NAN when empty). */
double hb_state_num(const struct hb_results *r, size_t i, const char *col);

#endif
