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
	double level[HB_MAX_STATES];     /* median of each state's values, ascending (state 0 = fastest) */
	double low[HB_MAX_STATES], high[HB_MAX_STATES]; /* smallest and largest value assigned */
	double share[HB_MAX_STATES];     /* fraction of the values in each state */
};

/* Rules a split into two states must meet (see hb_speed_states()). */
#define HB_STATE_MIN_STEP 1.10      /* ratio of the two groups' medians */
#define HB_STATE_MIN_SEPARATION 4.0 /* median difference in robust sds of the groups */
#define HB_STATE_MIN_SHARE 0.05     /* of all values, in each group */
#define HB_STATE_MIN_COUNT 3        /* values in each group */

/*
 * v[0..n) baseline ns/op in time order (each finite and > 0); labels[i]
 * receives v[i]'s state (labels may be NULL). Fewer than 8 values are one
 * state. Returns 0, or -EINVAL (n == 0, a bad value, NULL), -ENOMEM.
 *
 * On log values (a state scales every block by a factor), the sorted values
 * are cut into two groups by exact 1-D 2-means among the cuts that leave each
 * group at least HB_STATE_MIN_SHARE of all values and HB_STATE_MIN_COUNT
 * values. The cut is a state change only if the groups' medians differ by a
 * factor >= HB_STATE_MIN_STEP, by >= HB_STATE_MIN_SEPARATION pooled robust
 * sds (1.4826 * MAD within each group), and each group persists in time: at
 * least half its values have a time neighbour in the same group. Accepted
 * groups are cut again the same way (the most separated accepted cut first)
 * until HB_MAX_STATES groups or no cut is accepted.
 */
int hb_speed_states(const double *v, size_t n, struct hb_states *out, unsigned *labels);

#endif
