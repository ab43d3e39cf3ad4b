/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Speed states: the machine runs for minutes at one level of baseline ns/op,
 * then at another (~30% apart). Finds those levels in a series of baseline
 * blocks so a run can say it saw more than one.
 */
#ifndef HB_STATES_H
#define HB_STATES_H

#include <stddef.h>

#define HB_MAX_STATES 4

struct hb_states {
	size_t n;                        /* distinct levels found, 1..HB_MAX_STATES */
	double level[HB_MAX_STATES];     /* median of each state's smoothed levels, ascending (state 0 = fastest) */
	double low[HB_MAX_STATES], high[HB_MAX_STATES]; /* range of the smoothed levels assigned: disjoint */
	double share[HB_MAX_STATES];     /* fraction of the values in each state */
};

/* Rules the states must meet (see hb_speed_states()). */
#define HB_STATE_SMOOTH 5           /* blocks in the running median the levels are read from */
#define HB_STATE_MIN_STEP 1.10      /* ratio of neighbouring states' medians */
#define HB_STATE_MIN_SEPARATION 4.0 /* their median difference in pooled robust sds */
#define HB_STATE_MIN_SHARE 0.05     /* of all values, in each state */
#define HB_STATE_MIN_COUNT 3        /* values in each state */

/*
 * The headline state: the fastest state holding at least this share of the
 * baseline blocks, chosen from the baseline alone (not from any hook's
 * visits). A run's figures come from its visits in that state alone, so a
 * run that spent a minute in a slow state and one that did not report the
 * same machine (docs/method.md).
 */
#define HB_HEADLINE_MIN_SHARE 0.10

/*
 * v[0..n) baseline ns/op in time order (each finite and > 0); labels[i]
 * receives v[i]'s state (labels may be NULL). Fewer than 8 values are one
 * state. Returns 0, or -EINVAL (n == 0, a bad value, NULL), -ENOMEM.
 *
 * Each block's level is the median of the HB_STATE_SMOOTH blocks around it
 * in time, so a level must hold for 3 consecutive blocks to count: a single
 * disturbed block (an interrupt, a migration) is an outlier, not a state,
 * and must not draw the clustering to itself. The levels' logs (a state
 * scales every block by a factor) are sorted and cut into k groups by exact
 * 1-D k-means (dynamic programming), each group holding at least
 * HB_STATE_MIN_SHARE of the values and HB_STATE_MIN_COUNT values. The
 * largest k <= HB_MAX_STATES whose neighbouring groups all differ, in their
 * medians, by a factor >= HB_STATE_MIN_STEP and by >= HB_STATE_MIN_SEPARATION
 * pooled robust sds (1.4826 * MAD within each group) is the number of
 * states; none: one state. Judging each pair of neighbours on their own
 * spread is what lets a third state show: a group holding two states has the
 * spread of both. Costs O(HB_MAX_STATES * n²) time: 0.16 s for 8000 values.
 */
int hb_speed_states(const double *v, size_t n, struct hb_states *out, unsigned *labels);

#endif
