/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intervals from replicates: a run's rounds, in time order, are split into k
 * contiguous chunks; each chunk gives one estimate, and the spread of those k
 * estimates, not the count of blocks, sets the width. Slow drift and
 * correlation between neighbouring visits stay inside a chunk, so the chunks
 * are close to independent where single visits are not.
 */
#ifndef HB_REPLICATES_H
#define HB_REPLICATES_H

#include <stdbool.h>
#include <stddef.h>

/* Values each replicate needs at least: a run or headline state with fewer gets fewer replicates. */
#define HB_MIN_PER_REPLICATE 2
/* Replicates a run may ask for; their estimates are kept for replicates.csv. */
#define HB_MAX_REPLICATES 64

struct hb_replicates {
	bool valid;            /* k >= 3 and every estimate finite */
	size_t k;              /* replicates used */
	double center;         /* mean of the replicate estimates */
	double sd;             /* their sample standard deviation */
	double lag1;           /* lag-1 autocorrelation of the estimates in time order */
	double var_within;     /* variance of the run's estimate from its own noise: sd²/k,
				* inflated when neighbouring replicates are correlated
				* (hb_replicates_of()) */
	double estimate[HB_MAX_REPLICATES]; /* the k estimates, in time order */
};

/*
 * The lag-1 autocorrelation above which replicates count as correlated:
 * the one-sided 95% point of its null distribution, about 1.645/√k.
 */
double hb_lag1_limit(size_t k);

/*
 * The rounds [*first, *end) of replicate r when nrounds rounds are split into
 * k contiguous replicates as evenly as possible (sizes differ by at most one;
 * the earlier replicates take the extra rounds). -EINVAL unless
 * 0 < k <= nrounds and r < k.
 */
int hb_replicate_split(size_t nrounds, size_t k, size_t r, size_t *first, size_t *end);

/*
 * The spread of the k replicate estimates e[0..k), in time order.
 * var_within is sd²/k when the replicates are independent. Whether they are
 * is tested on their lag-1 autocorrelation: above hb_lag1_limit(k) (a level
 * that held across neighbouring replicates), sd²/k is multiplied by
 * (1 + lag1) / (1 - lag1), the variance of a mean of AR(1) values, capped
 * at k (the run then counts as one replicate: sd²). When the result is not
 * valid, center and sd are filled where they can be computed (k >= 1,
 * k >= 2) and the rest is NAN. Returns 0, or -EINVAL (a NULL pointer,
 * k > HB_MAX_REPLICATES).
 */
int hb_replicates_of(const double *e, size_t k, struct hb_replicates *out);

/*
 * v[i] is round i's value (rounds in time order: a cell's per-visit
 * difference; NAN where a round has none or was left out). The values that are not NAN, still in time order, are split into
 * min(k, HB_MAX_REPLICATES, their number / HB_MIN_PER_REPLICATE) contiguous
 * replicates; each replicate's estimate is the median of its values, and
 * those feed hb_replicates_of() (so out->k is the number used, and
 * out->valid needs 3). Infinite values count as values. *median is the
 * median of all of them (NAN without any). Returns 0, or -EINVAL (n == 0,
 * k == 0, NULL), -ENOMEM.
 */
int hb_median_by_replicate(const double *v, size_t n, size_t k, double *median,
			   struct hb_replicates *out);

/*
 * A ratio of a hook's added cost to the reference hook's; NAN when either
 * is NAN. A reference that added nothing or less (den <= 0) gives +inf,
 * -inf or 0 by num's sign: no scale to divide by, and an infinite
 * replicate leaves the ratio without an interval.
 */
double hb_round_ratio(double num, double den);

/*
 * The ratio of cost num to cost den, measured in the same rounds (NAN
 * where a round has none): the rounds where both have a value, in time
 * order, are split into replicates as hb_median_by_replicate() does, and
 * each replicate's estimate is hb_round_ratio(median of num, median of
 * den) over its rounds; *median is the same over all of them. A ratio of
 * medians, not a median of per-round ratios: a round whose reference
 * difference is near 0 would make its own ratio anything, and a replicate
 * of a few rounds would take it. Drift that scales both costs cancels
 * within a replicate, whose rounds are contiguous. Returns 0, or -EINVAL
 * (NULL, n == 0, k == 0), -ENOMEM.
 */
int hb_ratio_by_replicate(const double *num, const double *den, size_t n, size_t k,
			  double *median, struct hb_replicates *out);

#endif
