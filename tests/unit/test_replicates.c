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
#define RUNS 400        /* pairs of runs in the autocorrelated simulation */
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

static void test_interval(void)
{
	double e[] = { 1, 2, 3, 4, 5 }, with_nan[] = { 1, NAN, 3 };
	struct hb_replicates r;

	/* mean 3, sd sqrt(2.5); sd·sqrt(1 + 1/5) = sqrt(3), so the between half-width is t(0.975; 4)·sqrt(3) */
	TAP_OK(hb_replicates_interval(e, 5, CONF, &r) == 0 && r.valid && r.k == 5, "5 estimates: valid");
	TAP_NEAR(r.center, 3.0, 1e-12, "center is the mean");
	TAP_NEAR(r.sd, sqrt(2.5), 1e-12, "sd is the sample sd");
	TAP_NEAR(r.ci_high - r.center, 2.776445 * sqrt(2.5) / sqrt(5.0), 1e-5, "ci: t·sd/sqrt(k)");
	TAP_NEAR(r.center - r.ci_low, r.ci_high - r.center, 1e-12, "ci is symmetric");
	TAP_NEAR(r.between_high - r.center, 2.776445 * sqrt(3.0), 1e-5, "between: t·sd·sqrt(1 + 1/k)");
	TAP_NEAR(r.center - r.between_low, 2.776445 * sqrt(3.0), 1e-5, "between is symmetric");
	TAP_OK(hb_replicates_interval(e, 2, CONF, &r) == 0 && !r.valid && r.center == 1.5 &&
	       isnan(r.ci_low), "2 estimates: not valid, center still given");
	TAP_OK(hb_replicates_interval(with_nan, 3, CONF, &r) == 0 && !r.valid && isnan(r.center),
	       "a NaN estimate: not valid");
	TAP_OK(hb_replicates_interval(e, 5, 1.0, &r) == -EINVAL, "conf 1 is -EINVAL");
	TAP_OK(hb_replicates_interval(NULL, 5, CONF, &r) == -EINVAL, "no estimates is -EINVAL");
}

static void test_independent_interval(void)
{
	double e[] = { 1, 2, 3, 4, 5 };
	struct hb_replicates r, two;

	hb_replicates_interval(e, 5, CONF, &r);
	hb_replicates_independent(&r, CONF, NAN);
	/* sd = sqrt(2.5) and sqrt(2/5): the half-width is t(0.975; 4)·1 */
	TAP_NEAR(r.between_high - r.center, 2.776445, 1e-5, "independent: t·sd·sqrt(2/k)");
	TAP_NEAR(r.center - r.between_low, 2.776445, 1e-5, "independent: symmetric around the center");
	TAP_NEAR(r.ci_high - r.center, 2.776445 * sqrt(2.5) / sqrt(5.0), 1e-5, "independent: ci unchanged");
	hb_replicates_independent(&r, CONF, 2.5);
	TAP_NEAR(r.between_low, 2.5 - 2.776445, 1e-5, "independent: centred on the estimate given");
	TAP_NEAR(r.between_high, 2.5 + 2.776445, 1e-5, "independent: same half-width");
	hb_replicates_interval(e, 2, CONF, &two);
	hb_replicates_independent(&two, CONF, 1.5);
	TAP_OK(!two.valid && isnan(two.between_low), "independent: an invalid result stays without interval");
}

/*
 * A run under QEMU -icount: no drift, each visit's difference is the true
 * 180 plus, independently, a step that lands in some blocks and not others
 * (+-9 with probability 0.15 each: a block holding one housekeeping event
 * more or less) and a little spread (sd 1). A second identical run should
 * land in the first's independent interval in about 95% of pairs; the
 * sqrt(1 + 1/k) interval made for drifting machines holds it nearly always,
 * at about 1.7 times the width.
 */
static double icount_visit(struct synth *g)
{
	double u = synth_uniform(g), step = u < 0.15 ? -9.0 : u < 0.30 ? 9.0 : 0.0;

	return 180.0 + step + synth_normal(g);
}

static void test_icount_runs(void)
{
	enum { ROUNDS = 10, KI = 5, PAIRS = 2000 };
	struct synth g = { 3 };
	double first[ROUNDS], second[ROUNDS], m1, m2, width = 0.0, wide_width = 0.0;
	size_t independent = 0, drift_rule = 0, true_cost = 0;

	for (int i = 0; i < PAIRS; i++) {
		struct hb_replicates r1, r2, wide;

		for (size_t t = 0; t < ROUNDS; t++) {
			first[t] = icount_visit(&g);
			second[t] = icount_visit(&g);
		}
		hb_median_by_replicate(first, ROUNDS, KI, CONF, &m1, &r1);
		hb_median_by_replicate(second, ROUNDS, KI, CONF, &m2, &r2);
		wide = r1;
		hb_replicates_independent(&r1, CONF, m1);
		independent += r1.between_low <= m2 && m2 <= r1.between_high;
		drift_rule += wide.between_low <= m2 && m2 <= wide.between_high;
		true_cost += r1.between_low <= 180.0 && 180.0 <= r1.between_high;
		width += r1.between_high - r1.between_low;
		wide_width += wide.between_high - wide.between_low;
	}
	printf("# icount-like runs, %d pairs, %d rounds, K = %d: second run's median inside the "
	       "first's independent interval %.3f (sqrt(1 + 1/k) interval %.3f, %.2f times as "
	       "wide); the true 180 inside %.3f\n", PAIRS, ROUNDS, KI, (double)independent / PAIRS,
	       (double)drift_rule / PAIRS, wide_width / width, (double)true_cost / PAIRS);
	TAP_OK(independent >= 0.90 * PAIRS && independent <= 0.99 * PAIRS,
	       "icount: a second run lands in the independent interval %.3f, in [0.90, 0.99]",
	       (double)independent / PAIRS);
	TAP_OK(drift_rule > independent && wide_width > 1.5 * width,
	       "icount: the sqrt(1 + 1/k) interval is wider (%.2f times) and holds it more often",
	       wide_width / width);
	TAP_OK(true_cost >= 0.90 * PAIRS, "icount: the independent interval holds the true cost %.3f",
	       (double)true_cost / PAIRS);
}

static void test_median_by_replicate(void)
{
	double v[12], median;
	struct hb_replicates r;

	for (size_t i = 0; i < 12; i++)
		v[i] = (double)i;
	TAP_OK(hb_median_by_replicate(v, 12, 3, CONF, &median, &r) == 0 && r.valid, "12 rounds, 3 replicates");
	/* replicates 0..3, 4..7, 8..11: medians 1.5, 5.5, 9.5 */
	TAP_NEAR(median, 5.5, 0, "median of all rounds");
	TAP_NEAR(r.center, 5.5, 1e-12, "mean of replicate medians 1.5, 5.5, 9.5");
	TAP_NEAR(r.sd, 4.0, 1e-12, "their sd is 4");
	v[0] = NAN;
	v[1] = INFINITY;
	hb_median_by_replicate(v, 12, 3, CONF, &median, &r);
	/* finite: 2..11, ten values in time order, split 4, 3, 3: medians 3.5, 7, 10 */
	TAP_NEAR(median, 6.5, 0, "non-finite rounds are skipped in the median");
	TAP_NEAR(r.center, (3.5 + 7.0 + 10.0) / 3.0, 1e-12, "the finite values are split into the replicates");
	TAP_NEAR(v[5], 5.0, 0, "input not modified");
	TAP_OK(hb_median_by_replicate(v + 2, 2, 3, CONF, &median, &r) == 0 && !r.valid && median == 2.5,
	       "fewer rounds than replicates: median only");
	for (size_t i = 0; i < 12; i++)
		v[i] = i % 2 ? NAN : (double)i;
	/* six values left out of the headline: 0, 2, 4, 6, 8, 10 in 3 replicates of 2 */
	TAP_OK(hb_median_by_replicate(v, 12, 3, CONF, &median, &r) == 0 && r.valid && r.k == 3,
	       "rounds left out in between: still 3 replicates");
	TAP_NEAR(r.center, (1.0 + 5.0 + 9.0) / 3.0, 1e-12, "of the values kept, in time order");
	TAP_OK(hb_median_by_replicate(v, 12, 6, CONF, &median, &r) == 0 && r.valid && r.k == 3,
	       "6 finite values and k = 6: k becomes 3, two values each");
	TAP_OK(hb_median_by_replicate(v, 6, 6, CONF, &median, &r) == 0 && !r.valid && r.k == 1,
	       "3 finite values: one replicate of two or more, no interval");
	TAP_OK(hb_median_by_replicate(v, 0, 3, CONF, &median, &r) == -EINVAL, "no rounds is -EINVAL");
	TAP_OK(hb_median_by_replicate(v, 12, 0, CONF, &median, &r) == -EINVAL, "k = 0 is -EINVAL");
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
	double diff[ROUNDS], median;
	struct hb_replicates r;
	size_t covered = 0;

	drifting_run(&g, ROUNDS, diff);
	hb_median_by_replicate(diff, ROUNDS, K, CONF, &median, &r);
	TAP_OK(r.valid && r.ci_low <= 300 && 300 <= r.ci_high,
	       "drift: ci [%.1f, %.1f] around %.1f covers the true 300", r.ci_low, r.ci_high, r.center);
	TAP_NEAR(median, 300, 15, "drift: median %.1f within 5%% of 300", median);
	for (int run = 0; run < DRIFT_RUNS; run++) {
		drifting_run(&g, ROUNDS, diff);
		hb_median_by_replicate(diff, ROUNDS, K, CONF, &median, &r);
		covered += r.ci_low <= 300 && 300 <= r.ci_high;
	}
	printf("# drift: the 95%% ci covered 300 in %zu of %d runs (%.3f)\n", covered, DRIFT_RUNS,
	       (double)covered / DRIFT_RUNS);
	TAP_OK(covered >= 0.90 * DRIFT_RUNS, "drift: ci coverage of 300 over %d runs >= 0.90", DRIFT_RUNS);
}

/*
 * A run whose visits share a slow AR(1) disturbance x (phi 0.7, sd 30) around
 * 300 ns; each visit's two pairs add their own noise (sd 20), so the pairs of
 * one visit correlate at 900 / 1300 = 0.69.
 */
#define AR_ROUNDS 100
struct ar_run {
	double pair[2 * AR_ROUNDS];
	double visit[AR_ROUNDS];
};

static void ar_run(struct synth *g, struct ar_run *run)
{
	const double phi = 0.7, sd = 30.0, pair_sd = 20.0;
	double x = sd * synth_normal(g); /* start in the stationary distribution */

	for (size_t t = 0; t < AR_ROUNDS; t++) {
		if (t > 0)
			x = phi * x + sqrt(1.0 - phi * phi) * sd * synth_normal(g);
		run->pair[2 * t] = 300.0 + x + pair_sd * synth_normal(g);
		run->pair[2 * t + 1] = 300.0 + x + pair_sd * synth_normal(g);
		run->visit[t] = (run->pair[2 * t] + run->pair[2 * t + 1]) / 2.0;
	}
}

static void test_autocorrelated(void)
{
	struct synth g = { 42 };
	struct ar_run first, second;
	size_t between = 0, naive = 0, ci = 0, naive_true = 0, valid = 0;
	double sorted[2 * AR_ROUNDS];

	for (int i = 0; i < RUNS; i++) {
		struct hb_replicates r1, r2;
		struct hb_ci naive_ci;
		double m1, m2, naive_second;

		ar_run(&g, &first);
		ar_run(&g, &second);
		hb_median_by_replicate(first.visit, AR_ROUNDS, K, CONF, &m1, &r1);
		hb_median_by_replicate(second.visit, AR_ROUNDS, K, CONF, &m2, &r2);
		valid += r1.valid && r2.valid;
		between += r1.between_low <= r2.center && r2.center <= r1.between_high;
		ci += r1.ci_low <= 300 && 300 <= r1.ci_high;
		/* today's figure: the sign-test interval over all pairs taken as independent */
		for (size_t j = 0; j < 2 * AR_ROUNDS; j++)
			sorted[j] = first.pair[j];
		hb_median_ci(sorted, 2 * AR_ROUNDS, CONF, &naive_ci);
		for (size_t j = 0; j < 2 * AR_ROUNDS; j++)
			sorted[j] = second.pair[j];
		naive_second = hb_median(sorted, 2 * AR_ROUNDS);
		naive += naive_ci.low <= naive_second && naive_second <= naive_ci.high;
		naive_true += naive_ci.low <= 300 && 300 <= naive_ci.high;
	}
	printf("# AR(1) phi 0.7, %d pairs of runs, %d rounds, K = %d:\n", RUNS, AR_ROUNDS, K);
	printf("#   second run's center inside the first's between interval: %.3f\n",
	       (double)between / RUNS);
	printf("#   first run's replicate ci covering the true 300:          %.3f\n", (double)ci / RUNS);
	printf("#   second run's median inside the first's naive sign-test interval: %.3f\n",
	       (double)naive / RUNS);
	printf("#   naive sign-test interval covering the true 300:          %.3f\n",
	       (double)naive_true / RUNS);
	TAP_OK(valid == RUNS, "AR(1): every run gives a valid replicate interval");
	TAP_OK(between >= 0.90 * RUNS, "AR(1): a second run lands in the between interval %.3f >= 0.90",
	       (double)between / RUNS);
	TAP_OK(ci >= 0.90 * RUNS, "AR(1): the ci covers the true cost %.3f >= 0.90", (double)ci / RUNS);
	TAP_OK(naive < between && naive < 0.75 * RUNS,
	       "AR(1): the naive interval over pairs holds the second run far less often (%.3f)",
	       (double)naive / RUNS);
}

/*
 * The machine's level holds for longer than a replicate: an AR(1) level
 * with phi 0.95 per visit (about 20 visits, two replicates, before it
 * forgets) around 300 ns, sd 30, and visit noise sd 14. Neighbouring
 * replicates share the level, so the spread of replicate medians within a
 * run understates how far another run's median lands; the between interval
 * must still hold it, where the prediction for the mean of k independent
 * replicates (sd·sqrt(2/k)) would not.
 */
static void test_slow_level(void)
{
	enum { ROUNDS = 100, KS = 10 };
	const double phi = 0.95, sd = 30.0, noise = 14.0;
	struct synth g = { 11 };
	double first[ROUNDS], second[ROUNDS], m1, m2;
	size_t between = 0, independent = 0;

	for (int i = 0; i < RUNS; i++) {
		struct hb_replicates r1, r2;
		double *runs[2] = { first, second };

		for (int k = 0; k < 2; k++) {
			double x = sd * synth_normal(&g);

			for (size_t t = 0; t < ROUNDS; t++) {
				if (t > 0)
					x = phi * x + sqrt(1.0 - phi * phi) * sd * synth_normal(&g);
				runs[k][t] = 300.0 + x + noise * synth_normal(&g);
			}
		}
		hb_median_by_replicate(first, ROUNDS, KS, CONF, &m1, &r1);
		hb_median_by_replicate(second, ROUNDS, KS, CONF, &m2, &r2);
		between += r1.between_low <= r2.center && r2.center <= r1.between_high;
		independent += fabs(r2.center - r1.center) <=
			       hb_t_quantile(0.975, KS - 1) * r1.sd * sqrt(2.0 / KS);
	}
	printf("# slow level (phi %.2f), %d pairs of runs, K = %d: second run inside the first's "
	       "between interval %.3f; inside the independent-replicates interval %.3f\n",
	       phi, RUNS, KS, (double)between / RUNS, (double)independent / RUNS);
	TAP_OK(between >= 0.90 * RUNS, "slow level: a second run lands in the between interval %.3f >= 0.90",
	       (double)between / RUNS);
	TAP_OK(independent < 0.80 * RUNS,
	       "slow level: sd·sqrt(2/k) would hold it far less often (%.3f)", (double)independent / RUNS);
}

static void test_ratio(void)
{
	enum { ROUNDS = 150 };
	struct synth g = { 7 };
	double hook[ROUNDS], ref[ROUNDS], skipped[ROUNDS], median, median_skipped;
	struct hb_replicates r, r_skipped;
	static const size_t bad[] = { 3, 40, 77, 78, 120 };
	size_t nan_rounds = 0;

	for (size_t t = 0; t < ROUNDS; t++) {
		/* fast / slow / fast thirds; the slow state scales both costs by 1.3 */
		double state = t >= ROUNDS / 3 && t < 2 * ROUNDS / 3 ? 1.3 : 1.0;

		ref[t] = 400.0 * state * (1.0 + 0.05 * synth_normal(&g));
		hook[t] = 0.75 * 400.0 * state * (1.0 + 0.05 * synth_normal(&g));
	}
	ref[bad[0]] = 0.0;
	ref[bad[1]] = -12.0;
	ref[bad[2]] = -0.001;
	ref[bad[3]] = NAN;
	hook[bad[4]] = NAN;
	for (size_t t = 0; t < ROUNDS; t++) {
		skipped[t] = hook[t] / ref[t];
		nan_rounds += isnan(hb_round_ratio(hook[t], ref[t]));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		skipped[bad[i]] = NAN;
	TAP_OK(nan_rounds == 5, "hb_round_ratio: reference <= 0 or a missing value gives NaN");
	TAP_OK(hb_ratio_by_replicate(hook, ref, ROUNDS, K, CONF, &median, &r) == 0 && r.valid,
	       "ratio: valid replicate interval");
	TAP_NEAR(median, 0.75, 0.02 * 0.75, "ratio: median %.4f within 2%% of 0.75", median);
	TAP_OK(r.ci_low <= 0.75 && 0.75 <= r.ci_high, "ratio: ci [%.4f, %.4f] covers 0.75", r.ci_low,
	       r.ci_high);
	hb_median_by_replicate(skipped, ROUNDS, K, CONF, &median_skipped, &r_skipped);
	TAP_OK(median == median_skipped && r.center == r_skipped.center && r.sd == r_skipped.sd,
	       "ratio: rounds whose reference is <= 0 are skipped, not counted");
	TAP_OK(hb_ratio_by_replicate(hook, NULL, ROUNDS, K, CONF, &median, &r) == -EINVAL,
	       "ratio: no reference is -EINVAL");
}

int main(void)
{
	test_split();
	test_interval();
	test_median_by_replicate();
	test_independent_interval();
	test_icount_runs();
	test_drift();
	test_autocorrelated();
	test_slow_level();
	test_ratio();
	return tap_done();
}
