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

struct hb_replicates {
	bool valid;            /* k >= 3 and every estimate finite */
	size_t k;
	double center;         /* mean of the replicate estimates */
	double sd;             /* their sample standard deviation */
	double ci_low, ci_high;           /* conf interval of this run's estimate: center ± t·sd/√k */
	double between_low, between_high; /* where another run should land: center ±
					     t·sd·√(1 + 1/k), the prediction interval of one
					     more replicate (replicates.c says why) */
};

/*
 * The rounds [*first, *end) of replicate r when nrounds rounds are split into
 * k contiguous replicates as evenly as possible (sizes differ by at most one;
 * the earlier replicates take the extra rounds). -EINVAL unless
 * 0 < k <= nrounds and r < k.
 */
int hb_replicate_split(size_t nrounds, size_t k, size_t r, size_t *first, size_t *end);

/*
 * Interval from the k replicate estimates e[0..k); t is Student's t quantile
 * at (1 + conf) / 2 with k - 1 degrees of freedom. When the result is not
 * valid, center and sd are filled where they can be computed (k >= 1, k >= 2)
 * and the interval bounds are NAN. Returns 0, or -EINVAL (conf outside (0, 1),
 * a NULL pointer).
 */
int hb_replicates_interval(const double *e, size_t k, double conf, struct hb_replicates *out);

/*
 * Where another run should land when the replicates are independent, as
 * under QEMU -icount, where no machine level drifts and outlasts a
 * replicate: between_low/high become estimate ± t·sd·√(2/k), the
 * prediction interval for an estimate from k more replicates, centred on
 * the run's own estimate (center when estimate is not finite). A result
 * that is not valid is left alone.
 */
void hb_replicates_independent(struct hb_replicates *r, double conf, double estimate);

/*
 * v[i] is round i's value (rounds in time order: a cell's per-visit
 * difference, or a per-round ratio; NAN where a round has none or was left
 * out). The finite values, still in time order, are split into
 * min(k, their number / HB_MIN_PER_REPLICATE) contiguous replicates; each
 * replicate's estimate is
 * the median of its values, and those feed hb_replicates_interval() (so
 * out->k is the number used, and out->valid needs 3). *median is the median
 * of all finite values (NAN without any). Returns 0, or -EINVAL (n == 0,
 * k == 0, bad conf, NULL), -ENOMEM.
 */
int hb_median_by_replicate(const double *v, size_t n, size_t k, double conf, double *median,
			   struct hb_replicates *out);

/*
 * One round's ratio of a hook's added cost to the reference hook's: NAN (the
 * round is skipped) when den <= 0 or either value is not finite, since a
 * reference that added nothing, or less than nothing, in that round gives no
 * scale to compare against.
 */
double hb_round_ratio(double num, double den);

/*
 * Median of the per-round ratios hb_round_ratio(num[i], den[i]) and its
 * replicate interval; as hb_median_by_replicate() otherwise.
 */
int hb_ratio_by_replicate(const double *num, const double *den, size_t n, size_t k, double conf,
			  double *median, struct hb_replicates *out);

#endif
