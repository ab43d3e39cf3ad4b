// SPDX-License-Identifier: GPL-2.0-only
/* Replicate intervals on fixed data and on synthetic runs whose true cost is known. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "replicates.h"
#include "stats.h"
#include "synth.h"
#include "tap.h"
#include "tdist.h"

#define CONF 0.95
#define K 6
#define DRIFT_RUNS 1000

static void test_split(void)
{
	static const size_t want[3][2] = { { 0, 4 }, { 4, 7 }, { 7, 10 } };
	size_t first, end;
	bool even = true;

	for (size_t r = 0; r < 3; r++) {
		hb_replicate_split(10, 3, r, &first, &end);
		TAP_OK(first == want[r][0] && end == want[r][1], "10 rounds in 3: replicate %zu is [%zu, %zu)",
		       r, want[r][0], want[r][1]);
	}
	for (size_t n = 1; n <= 60; n++) {
		for (size_t k = 1; k <= n; k++) {
			size_t next = 0;

			for (size_t r = 0; r < k; r++) {
				hb_replicate_split(n, k, r, &first, &end);
				if (first != next || end - first < n / k || end - first > n / k + 1)
					even = false;
				next = end;
			}
			if (next != n)
				even = false;
		}
	}
	TAP_OK(even, "n <= 60, every k: replicates tile the rounds in order, sizes n/k or n/k+1");
	TAP_OK(hb_replicate_split(5, 6, 0, &first, &end) == -EINVAL, "more replicates than rounds is -EINVAL");
	TAP_OK(hb_replicate_split(5, 0, 0, &first, &end) == -EINVAL, "k = 0 is -EINVAL");
	TAP_OK(hb_replicate_split(5, 2, 2, &first, &end) == -EINVAL, "r >= k is -EINVAL");
}

/* The run's own 95% interval from its replicates: center ± t(k - 1)·sqrt(var_within). */
static void rep_ci(const struct hb_replicates *r, double *low, double *high)
{
	double half = r->valid ? hb_t_quantile(0.975, (double)(r->k - 1)) * sqrt(r->var_within) : NAN;

	*low = r->center - half;
	*high = r->center + half;
}

static void test_interval(void)
{
	double e[] = { 1, 2, 3, 4, 5 }, with_nan[] = { 1, NAN, 3 };
	struct hb_replicates r;

	/* mean 3, sd sqrt(2.5); lag-1 autocorrelation 0.4, under the limit 1.645/sqrt(5) */
	TAP_OK(hb_replicates_of(e, 5, &r) == 0 && r.valid && r.k == 5, "5 estimates: valid");
	TAP_NEAR(r.center, 3.0, 1e-12, "center is the mean");
	TAP_NEAR(r.sd, sqrt(2.5), 1e-12, "sd is the sample sd");
	TAP_NEAR(r.lag1, 0.4, 1e-12, "lag-1 autocorrelation 0.4");
	TAP_NEAR(r.var_within, 2.5 / 5.0, 1e-12, "under the limit: var_within is sd²/k");
	TAP_OK(hb_replicates_of(e, 2, &r) == 0 && !r.valid && r.center == 1.5 &&
	       isnan(r.var_within), "2 estimates: not valid, center still given");
	TAP_OK(hb_replicates_of(with_nan, 3, &r) == 0 && !r.valid && isnan(r.center),
	       "a NaN estimate: not valid");
	TAP_OK(hb_replicates_of(e, HB_MAX_REPLICATES + 1, &r) == -EINVAL, "more than 64 is -EINVAL");
	TAP_OK(hb_replicates_of(NULL, 5, &r) == -EINVAL, "no estimates is -EINVAL");
}

/*
 * Replicates whose estimates trend (a level that held across neighbours)
 * are not independent: sd²/k is inflated by (1 + r)/(1 - r), at most k.
 */
static void test_lag1(void)
{
	double trend[10], alternate[10], step[10], low, high;
	struct hb_replicates r;

	for (size_t i = 0; i < 10; i++) {
		trend[i] = (double)i + 1.0;
		alternate[i] = i % 2 ? 1.0 : -1.0;
		step[i] = i < 5 ? 0.0 : 1.0;
	}
	/* 1..10: sum of neighbouring deviations' products 57.75 over 82.5: r = 0.7 */
	hb_replicates_of(trend, 10, &r);
	TAP_NEAR(r.lag1, 0.7, 1e-12, "a trend: lag-1 autocorrelation 0.7 (limit %.3f)", hb_lag1_limit(10));
	TAP_NEAR(r.var_within, r.sd * r.sd / 10.0 * 1.7 / 0.3, 1e-9,
		 "a trend: var_within is sd²/k · (1 + r)/(1 - r)");
	rep_ci(&r, &low, &high);
	TAP_NEAR(high - r.center, hb_t_quantile(0.975, 9) * sqrt(r.sd * r.sd / 10.0 * 1.7 / 0.3), 1e-9,
		 "and the run's own interval widens with it");
	hb_replicates_of(alternate, 10, &r);
	TAP_OK(r.lag1 < 0 && fabs(r.var_within - r.sd * r.sd / 10.0) < 1e-12,
	       "alternating estimates: negative lag-1, no inflation");
	/* 0 0 0 0 0 1 1 1 1 1: products 8 · 0.25 - 0.25 over 2.5: r = 0.7 */
	hb_replicates_of(step, 10, &r);
	TAP_NEAR(r.var_within, r.sd * r.sd / 10.0 * 1.7 / 0.3, 1e-9,
		 "a step halfway: lag-1 0.7, inflated 5.7 times");
	/* one slow wave, sin(2π(i + 1)/11): lag-1 0.841, over (k - 1)/(k + 1) */
	for (size_t i = 0; i < 10; i++)
		step[i] = sin(2.0 * M_PI * (double)(i + 1) / 11.0);
	hb_replicates_of(step, 10, &r);
	TAP_OK(r.lag1 > 9.0 / 11.0 && fabs(r.var_within - r.sd * r.sd) < 1e-9,
	       "lag-1 %.3f over 9/11: capped at sd², one replicate's variance", r.lag1);
	for (size_t i = 0; i < 10; i++)
		step[i] = 5.0;
	hb_replicates_of(step, 10, &r);
	TAP_OK(r.valid && r.sd == 0 && r.lag1 == 0 && r.var_within == 0,
	       "all equal: valid, sd 0, var_within 0 (between_run.h widens it to the resolution)");
}

static void test_median_by_replicate(void)
{
	double v[12], median;
	struct hb_replicates r;

	for (size_t i = 0; i < 12; i++)
		v[i] = (double)i;
	TAP_OK(hb_median_by_replicate(v, 12, 3, &median, &r) == 0 && r.valid, "12 rounds, 3 replicates");
	/* replicates 0..3, 4..7, 8..11: medians 1.5, 5.5, 9.5 */
	TAP_NEAR(median, 5.5, 0, "median of all rounds");
	TAP_NEAR(r.center, 5.5, 1e-12, "mean of replicate medians 1.5, 5.5, 9.5");
	TAP_NEAR(r.sd, 4.0, 1e-12, "their sd is 4");
	v[0] = NAN;
	v[1] = INFINITY;
	hb_median_by_replicate(v, 12, 3, &median, &r);
	/* present: inf, 2..11, eleven values in time order, split 4, 4, 3: medians 3.5 (inf 2 3 4), 6.5, 10 */
	TAP_NEAR(median, 7.0, 0, "a NaN round is skipped, an infinite one counts");
	TAP_NEAR(r.center, (3.5 + 6.5 + 10.0) / 3.0, 1e-12, "the values present are split into the replicates");
	TAP_NEAR(v[5], 5.0, 0, "input not modified");
	TAP_OK(hb_median_by_replicate(v + 2, 2, 3, &median, &r) == 0 && !r.valid && median == 2.5,
	       "fewer rounds than replicates: median only");
	for (size_t i = 0; i < 12; i++)
		v[i] = i % 2 ? NAN : (double)i;
	/* six values left out of the headline: 0, 2, 4, 6, 8, 10 in 3 replicates of 2 */
	TAP_OK(hb_median_by_replicate(v, 12, 3, &median, &r) == 0 && r.valid && r.k == 3,
	       "rounds left out in between: still 3 replicates");
	TAP_NEAR(r.center, (1.0 + 5.0 + 9.0) / 3.0, 1e-12, "of the values kept, in time order");
	TAP_OK(hb_median_by_replicate(v, 12, 6, &median, &r) == 0 && r.valid && r.k == 3,
	       "6 finite values and k = 6: k becomes 3, two values each");
	TAP_OK(hb_median_by_replicate(v, 6, 6, &median, &r) == 0 && !r.valid && r.k == 1,
	       "3 finite values: one replicate of two or more, no interval");
	TAP_OK(hb_median_by_replicate(v, 0, 3, &median, &r) == -EINVAL, "no rounds is -EINVAL");
	TAP_OK(hb_median_by_replicate(v, 12, 0, &median, &r) == -EINVAL, "k = 0 is -EINVAL");
}

/* Per-visit difference of blocks B1, H1, H2, B2: the mean of the pairs (B1,H1) and (H2,B2). */
static double visit_diff(double b1, double h1, double h2, double b2)
{
	return ((h1 - b1) + (h2 - b2)) / 2.0;
}

/*
 * A run of `rounds` visits adding 300 ns to a baseline that drifts linearly
 * from 1000 to 1200 ns/op; every block has 5% noise.
 */
static void drifting_run(struct synth *g, size_t rounds, double *diff)
{
	for (size_t t = 0; t < rounds; t++) {
		double base = 1000.0 * (1.0 + 0.2 * (double)t / (double)(rounds - 1));
		double b1 = base * (1.0 + 0.05 * synth_normal(g));
		double h1 = (base + 300.0) * (1.0 + 0.05 * synth_normal(g));
		double h2 = (base + 300.0) * (1.0 + 0.05 * synth_normal(g));
		double b2 = base * (1.0 + 0.05 * synth_normal(g));

		diff[t] = visit_diff(b1, h1, h2, b2);
	}
}

static void test_drift(void)
{
	enum { ROUNDS = 120 };
	struct synth g = { 1 };
	double diff[ROUNDS], median, low, high;
	struct hb_replicates r;
	size_t covered = 0;

	drifting_run(&g, ROUNDS, diff);
	hb_median_by_replicate(diff, ROUNDS, K, &median, &r);
	rep_ci(&r, &low, &high);
	TAP_OK(r.valid && low <= 300 && 300 <= high,
	       "drift: ci [%.1f, %.1f] around %.1f covers the true 300", low, high, r.center);
	TAP_NEAR(median, 300, 15, "drift: median %.1f within 5%% of 300", median);
	for (int run = 0; run < DRIFT_RUNS; run++) {
		drifting_run(&g, ROUNDS, diff);
		hb_median_by_replicate(diff, ROUNDS, K, &median, &r);
		rep_ci(&r, &low, &high);
		covered += low <= 300 && 300 <= high;
	}
	printf("# drift: the 95%% ci covered 300 in %zu of %d runs (%.3f)\n", covered, DRIFT_RUNS,
	       (double)covered / DRIFT_RUNS);
	TAP_OK(covered >= 0.90 * DRIFT_RUNS, "drift: ci coverage of 300 over %d runs >= 0.90", DRIFT_RUNS);
}

static void test_ratio(void)
{
	enum { ROUNDS = 150 };
	struct synth g = { 7 };
	double hook[ROUNDS], ref[ROUNDS], a[ROUNDS], b[ROUNDS], median, by_hand, low, high;
	struct hb_replicates r;
	static const size_t bad[] = { 3, 40, 77 };
	size_t missing = 0, infinite = 0, m = 0;

	for (size_t t = 0; t < ROUNDS; t++) {
		/* fast / slow / fast thirds; the slow state scales both costs by 1.3 */
		double state = t >= ROUNDS / 3 && t < 2 * ROUNDS / 3 ? 1.3 : 1.0;

		ref[t] = 400.0 * state * (1.0 + 0.05 * synth_normal(&g));
		hook[t] = 0.75 * 400.0 * state * (1.0 + 0.05 * synth_normal(&g));
	}
	ref[bad[0]] = 0.0;
	ref[bad[1]] = -12.0;
	ref[bad[2]] = -0.001;
	ref[78] = NAN;
	hook[120] = NAN;
	for (size_t t = 0; t < ROUNDS; t++) {
		missing += isnan(hb_round_ratio(hook[t], ref[t]));
		infinite += isinf(hb_round_ratio(hook[t], ref[t]));
		if (!isnan(hook[t]) && !isnan(ref[t])) {
			a[m] = hook[t];
			b[m++] = ref[t];
		}
	}
	by_hand = hb_median(a, m) / hb_median(b, m);
	TAP_OK(missing == 2 && infinite == 3,
	       "hb_round_ratio: a missing value gives NaN, a reference <= 0 an infinite ratio");
	TAP_OK(hb_round_ratio(-3, 0) == -INFINITY && hb_round_ratio(0, -1) == 0,
	       "hb_round_ratio: its sign is num's (0 for 0)");
	TAP_OK(hb_ratio_by_replicate(hook, ref, ROUNDS, K, &median, &r) == 0 && r.valid,
	       "ratio: valid replicate interval");
	TAP_NEAR(median, 0.75, 0.02 * 0.75, "ratio: median %.4f within 2%% of 0.75", median);
	rep_ci(&r, &low, &high);
	TAP_OK(low <= 0.75 && 0.75 <= high, "ratio: ci [%.4f, %.4f] covers 0.75", low, high);
	TAP_NEAR(median, by_hand, 1e-15,
		 "ratio: the median of the hook's rounds over the reference's, the rounds whose "
		 "reference is <= 0 among them, not dropped");
	TAP_OK(r.k == K && r.estimate[0] > 0.6 && r.estimate[0] < 0.9,
	       "ratio: each replicate a ratio of its medians (%.4f first)", r.estimate[0]);
	for (size_t t = 0; t < ROUNDS / K; t++)
		ref[t] = -1.0; /* the whole first replicate */
	TAP_OK(hb_ratio_by_replicate(hook, ref, ROUNDS, K, &median, &r) == 0 && !r.valid &&
	       isnan(r.var_within), "ratio: a replicate whose reference is <= 0 throughout: no interval");
	TAP_OK(hb_ratio_by_replicate(hook, NULL, ROUNDS, K, &median, &r) == -EINVAL,
	       "ratio: no reference is -EINVAL");
	/* 20 rounds of 80 / 100, one reference round at 0.5: a round's own ratio would be 160 */
	for (size_t t = 0; t < 20; t++) {
		hook[t] = 80.0;
		ref[t] = t == 7 ? 0.5 : 100.0;
	}
	hb_ratio_by_replicate(hook, ref, 20, 10, &median, &r);
	TAP_OK(median == 0.8 && r.valid && r.estimate[3] < 2 && r.sd < 0.3,
	       "ratio: a round whose reference adds ~0 moves its replicate (%.2f), not to 80 (sd %.3f)",
	       r.estimate[3], r.sd);
}

int main(void)
{
	test_split();
	test_interval();
	test_median_by_replicate();
	test_lag1();
	test_drift();
	test_ratio();
	return tap_done();
}
