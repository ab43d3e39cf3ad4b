// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where another run lands (common/between_run.h), on synthetic runs whose
 * true run-level and within-run variances are known: coverage of the next
 * run's estimate, and width against the oracle interval computed from the
 * true variances; then the arithmetic on fixed numbers and every degenerate
 * case.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "between_run.h"
#include "replicates.h"
#include "stats.h"
#include "synth.h"
#include "tap.h"
#include "tdist.h"

#define CONF 0.95
#define K 10
#define ROUNDS 100
#define TRIALS 2000
#define RESOLUTION 1e-6

/* One run: `rounds` visits of truth + a run-level shift + visit noise; its median and replicates. */
static double one_run(struct synth *g, size_t rounds, double sd_level, double sd_visit,
		      struct hb_replicates *rep)
{
	double v[ROUNDS], median, shift = sd_level * synth_normal(g);

	for (size_t i = 0; i < rounds; i++)
		v[i] = 100 + shift + sd_visit * synth_normal(g);
	hb_median_by_replicate(v, rounds, K, &median, rep);
	return median;
}

struct oracle_result {
	double coverage;    /* share of next runs inside this run's interval */
	double width_ratio; /* median half-width / the oracle's */
	double share_level; /* share of intervals that used earlier runs */
};

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * earlier: earlier runs given to each interval; rounds: visits a run. The
 * oracle half-width is z · sqrt(2 · (sd_level² + var_median)), with
 * var_median the variance of a median of `rounds` normal values, about
 * (π/2) · sd_visit² / rounds.
 */
static struct oracle_result oracle_runs(size_t rounds, double sd_level, double sd_visit,
					size_t earlier, unsigned seed)
{
	struct synth g = { seed };
	double *half = malloc(TRIALS * sizeof(*half));
	double oracle = 1.959964 * sqrt(2 * (sd_level * sd_level +
					     M_PI / 2 * sd_visit * sd_visit / (double)rounds));
	struct oracle_result res = { 0 };

	for (size_t t = 0; t < TRIALS; t++) {
		struct hb_replicates rep, unused;
		struct hb_between_run b;
		double past[HB_MAX_EARLIER_RUNS], estimate, next;

		for (size_t i = 0; i < earlier; i++)
			past[i] = one_run(&g, rounds, sd_level, sd_visit, &unused);
		estimate = one_run(&g, rounds, sd_level, sd_visit, &rep);
		next = one_run(&g, rounds, sd_level, sd_visit, &unused);
		hb_between_run(&rep, estimate, past, earlier, RESOLUTION, CONF, &b);
		res.coverage += b.low <= next && next <= b.high;
		res.share_level += b.earlier_runs > 0;
		half[t] = (b.high - b.low) / 2;
	}
	qsort(half, TRIALS, sizeof(*half), by_value);
	res.coverage /= TRIALS;
	res.share_level /= TRIALS;
	res.width_ratio = half[TRIALS / 2] / oracle;
	free(half);
	return res;
}

static struct oracle_result oracle_trial(double sd_level, double sd_visit, size_t earlier,
					 unsigned seed)
{
	return oracle_runs(ROUNDS, sd_level, sd_visit, earlier, seed);
}

static void test_oracle(void)
{
	/* a run-level sd twice the within-run one, as the project's machines show */
	struct oracle_result full = oracle_trial(4, 15, HB_MAX_EARLIER_RUNS, 11);
	struct oracle_result two = oracle_trial(4, 15, 2, 12);
	struct oracle_result steady = oracle_trial(0, 15, 0, 13);
	struct oracle_result steady_history = oracle_trial(0, 15, HB_MAX_EARLIER_RUNS, 14);
	struct oracle_result blind = oracle_trial(4, 15, 0, 15);

	printf("# oracle, %d trials, %d visits in %d replicates a run:\n", TRIALS, ROUNDS, K);
	printf("#   run-level sd 4, within 15/visit, %d earlier runs: coverage %.3f, width %.2fx the oracle\n",
	       HB_MAX_EARLIER_RUNS, full.coverage, full.width_ratio);
	printf("#   the same, 2 earlier runs: coverage %.3f, width %.2fx\n", two.coverage, two.width_ratio);
	printf("#   no run level, no history (within-run only): coverage %.3f, width %.2fx\n",
	       steady.coverage, steady.width_ratio);
	printf("#   no run level, %d earlier runs: coverage %.3f, width %.2fx\n", HB_MAX_EARLIER_RUNS,
	       steady_history.coverage, steady_history.width_ratio);
	printf("#   run-level sd 4 but no history: coverage %.3f (the label says within-run only)\n",
	       blind.coverage);
	TAP_OK(full.coverage >= 0.90 && full.share_level == 1,
	       "with %d earlier runs the next run lands inside %.3f (>= 0.90)", HB_MAX_EARLIER_RUNS,
	       full.coverage);
	TAP_OK(full.width_ratio <= 1.3 && full.width_ratio >= 0.8,
	       "and the interval is %.2fx the oracle's (0.8-1.3)", full.width_ratio);
	TAP_OK(two.coverage >= 0.90, "with 2 earlier runs: coverage %.3f (>= 0.90; t with 2 df is wide)",
	       two.coverage);
	TAP_OK(steady.coverage >= 0.90 && steady.width_ratio <= 1.3 && steady.width_ratio >= 0.8,
	       "no run-level variance, within-run part alone: coverage %.3f, %.2fx the oracle",
	       steady.coverage, steady.width_ratio);
	TAP_OK(steady_history.coverage >= 0.90 && steady_history.width_ratio <= 1.3,
	       "no run-level variance but history: coverage %.3f, %.2fx (history adds ~nothing)",
	       steady_history.coverage, steady_history.width_ratio);
	/* replicates of 3 and of 2 visits: the mean of their medians stands in for the
	 * pooled median less well (method.md asks for 3 or more) */
	struct oracle_result three = oracle_runs(30, 0, 15, 0, 16), two_each = oracle_runs(20, 0, 15, 0, 17);

	printf("#   no run level, within-run only, 3 visits a replicate: coverage %.3f, width %.2fx; "
	       "2 visits: coverage %.3f, width %.2fx\n", three.coverage, three.width_ratio,
	       two_each.coverage, two_each.width_ratio);
	TAP_OK(three.coverage >= 0.90 && three.width_ratio <= 1.3,
	       "3 visits a replicate: coverage %.3f, %.2fx the oracle", three.coverage,
	       three.width_ratio);
	TAP_OK(blind.coverage < 0.80,
	       "a run-level shift with no history: the within-run part misses (%.3f < 0.80)",
	       blind.coverage);
}

/* Replicates 100, 101, ..., 109 in alternating order (no lag-1 inflation). */
static void fixed_replicates(struct hb_replicates *rep)
{
	double e[K];

	for (size_t i = 0; i < K; i++)
		e[i] = 100 + (double)(i % 2 ? K - i : i);
	hb_replicates_of(e, K, rep);
}

static void test_arithmetic(void)
{
	struct hb_replicates rep;
	struct hb_between_run b;
	double earlier[] = { 90, NAN, 110 }, one[] = { 90 }, close[] = { 104.5, 104.6 };
	double var_runs, t9 = hb_t_quantile(0.975, 9), t2 = hb_t_quantile(0.975, 2);

	fixed_replicates(&rep);
	TAP_OK(rep.valid && fabs(rep.var_within - rep.sd * rep.sd / K) < 1e-12,
	       "fixed replicates: var_within sd²/k = %.4f", rep.var_within);
	TAP_OK(hb_between_run(&rep, 104.5, NULL, 0, RESOLUTION, CONF, &b) == 0 && b.valid &&
	       b.earlier_runs == 0 && b.var_level == 0,
	       "0 earlier runs: within-run only (earlier_runs 0)");
	TAP_NEAR(b.high - 104.5, t9 * sqrt(2 * rep.var_within), 1e-9,
		 "0 earlier runs: half-width t(k-1)·sqrt(2·var_within)");
	TAP_NEAR(104.5 - b.low, b.high - 104.5, 1e-9, "centred on the reported estimate");
	hb_between_run(&rep, 104.5, one, 1, RESOLUTION, CONF, &b);
	TAP_OK(b.earlier_runs == 0 && fabs(b.high - 104.5 - t9 * sqrt(2 * rep.var_within)) < 1e-9,
	       "1 earlier run: still within-run only");
	TAP_OK(hb_between_run(&rep, 104.5, earlier, 3, RESOLUTION, CONF, &b) == 0 &&
	       b.earlier_runs == 2, "2 earlier runs (a NaN among them skipped): used");
	/* runs 90, 110 and this 104.5: variance 106.0833 */
	var_runs = (pow(90 - 101.5, 2) + pow(110 - 101.5, 2) + pow(104.5 - 101.5, 2)) / 2;
	TAP_NEAR(b.high - 104.5, t2 * sqrt(2 * var_runs), 1e-9,
		 "2 earlier runs: half-width t(2)·sqrt(2·s²_runs) = %.3f, the amount the model says",
		 t2 * sqrt(2 * var_runs));
	TAP_NEAR(b.var_level, var_runs - rep.var_within, 1e-9, "var_level = s²_runs - var_within");
	TAP_OK(b.df == 2, "with t's degrees of freedom from the runs (2)");
	{
		/* k = 4, 10 earlier runs at ±a around 0 with this one at 0: s²_runs = a² = 1.5·V_w */
		double e4[] = { 1, 3, 2, 4 }, ten[HB_MAX_EARLIER_RUNS], a;
		struct hb_replicates r4;

		hb_replicates_of(e4, 4, &r4);
		a = sqrt(1.5 * r4.var_within);
		for (size_t i = 0; i < HB_MAX_EARLIER_RUNS; i++)
			ten[i] = i % 2 ? a : -a;
		hb_between_run(&r4, 0, ten, HB_MAX_EARLIER_RUNS, RESOLUTION, CONF, &b);
		TAP_NEAR(b.high, hb_t_quantile(0.975, 3) * sqrt(2 * r4.var_within), 1e-9,
			 "k = 4, runs at 1.5·V_w: t(3)·sqrt(2·V_w) = %.3f is wider than "
			 "t(10)·sqrt(2·s²_runs) = %.3f, and is the half-width",
			 hb_t_quantile(0.975, 3) * sqrt(2 * r4.var_within),
			 hb_t_quantile(0.975, 10) * sqrt(3 * r4.var_within));
		TAP_OK(b.df == 3 && b.earlier_runs == 10 && fabs(b.var_level - 0.5 * r4.var_within) < 1e-9,
		       "with the runs counted and var_level 0.5·V_w");
	}
	hb_between_run(&rep, 104.5, close, 2, RESOLUTION, CONF, &b);
	TAP_OK(b.earlier_runs == 2 && b.var_level == 0 && b.df == K - 1 &&
	       fabs(b.high - 104.5 - t9 * sqrt(2 * rep.var_within)) < 1e-9,
	       "runs closer than the replicates' spread: var_level 0, the within-run part");
}

static void test_degenerate(void)
{
	double e[K], same[K];
	struct hb_replicates rep;
	struct hb_between_run b;

	for (size_t i = 0; i < K; i++) {
		e[i] = 100 + (double)i;
		same[i] = 7;
	}
	hb_replicates_of(e, 2, &rep);
	TAP_OK(hb_between_run(&rep, 100.5, NULL, 0, RESOLUTION, CONF, &b) == 0 && !b.valid &&
	       isnan(b.low) && isnan(b.high), "K = 2: no interval");
	hb_replicates_of(same, K, &rep);
	hb_between_run(&rep, 7, NULL, 0, 0.25, CONF, &b);
	TAP_OK(b.valid && b.at_resolution && b.low == 6.75 && b.high == 7.25,
	       "all replicates equal: widened to the resolution, [6.75, 7.25], and flagged");
	hb_between_run(&rep, 7, (double[]){ 7, 7 }, 2, 0.25, CONF, &b);
	TAP_OK(b.valid && b.at_resolution && b.earlier_runs == 2 && b.high - b.low == 0.5,
	       "all runs equal too: still the resolution");
	hb_replicates_of(e, K, &rep);
	hb_between_run(&rep, 104, NULL, 0, 0.25, CONF, &b);
	TAP_OK(!b.at_resolution, "a spread wider than the resolution is not flagged");
	TAP_OK(hb_between_run(&rep, NAN, NULL, 0, 0.25, CONF, &b) == 0 && !b.valid,
	       "no estimate: no interval");
	TAP_OK(hb_between_run(NULL, 1, NULL, 0, 1, CONF, &b) == -EINVAL &&
	       hb_between_run(&rep, 1, NULL, 0, 1, 1.5, &b) == -EINVAL &&
	       hb_between_run(&rep, 1, NULL, 2, 1, CONF, &b) == -EINVAL,
	       "NULL, a confidence outside (0, 1), earlier NULL with n > 0: -EINVAL");
}

/*
 * A run under QEMU -icount: no drift, each visit's difference is the true
 * 180 plus, independently, a step that lands in some blocks and not others
 * (+-9 with probability 0.15 each) and a little spread (sd 1). A second run
 * lands inside the first's within-run interval about 95% of the time.
 */
static double icount_visit(struct synth *g)
{
	double u = synth_uniform(g), step = u < 0.15 ? -9.0 : u < 0.30 ? 9.0 : 0.0;

	return 180.0 + step + synth_normal(g);
}

static void test_icount_runs(void)
{
	enum { IROUNDS = 10, KI = 5, PAIRS = 2000 };
	struct synth g = { 3 };
	double first[IROUNDS], second[IROUNDS], m1, m2;
	size_t inside = 0;

	for (int i = 0; i < PAIRS; i++) {
		struct hb_replicates r1, r2;
		struct hb_between_run b;

		for (size_t t = 0; t < IROUNDS; t++) {
			first[t] = icount_visit(&g);
			second[t] = icount_visit(&g);
		}
		hb_median_by_replicate(first, IROUNDS, KI, &m1, &r1);
		hb_median_by_replicate(second, IROUNDS, KI, &m2, &r2);
		hb_between_run(&r1, m1, NULL, 0, 1e-3, CONF, &b);
		inside += b.low <= m2 && m2 <= b.high;
	}
	TAP_OK(inside >= 0.90 * PAIRS && inside <= 0.995 * PAIRS,
	       "icount-like runs: a second run lands inside %.3f, in [0.90, 0.995]",
	       (double)inside / PAIRS);
}

/*
 * A run whose visits share a slow AR(1) disturbance x (phi 0.7, sd 30) around
 * 300 ns; each visit's two pairs add their own noise (sd 20), so the pairs of
 * one visit correlate at 900 / 1300 = 0.69.
 */
#define AR_ROUNDS 100
#define RUNS 400 /* pairs of runs */
#define AK 6
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
		struct hb_between_run b;
		struct hb_ci naive_ci;
		double m1, m2, naive_second;

		ar_run(&g, &first);
		ar_run(&g, &second);
		hb_median_by_replicate(first.visit, AR_ROUNDS, AK, &m1, &r1);
		hb_median_by_replicate(second.visit, AR_ROUNDS, AK, &m2, &r2);
		valid += r1.valid && r2.valid;
		hb_between_run(&r1, m1, NULL, 0, RESOLUTION, CONF, &b);
		between += b.low <= m2 && m2 <= b.high;
		ci += fabs(r1.center - 300) <= hb_t_quantile(0.975, r1.k - 1) * sqrt(r1.var_within);
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
	printf("# AR(1) phi 0.7, %d pairs of runs, %d rounds, K = %d:\n", RUNS, AR_ROUNDS, AK);
	printf("#   second run's estimate inside the first's within-run interval: %.3f\n",
	       (double)between / RUNS);
	printf("#   first run's replicate ci covering the true 300:          %.3f\n", (double)ci / RUNS);
	printf("#   second run's median inside the first's naive sign-test interval: %.3f\n",
	       (double)naive / RUNS);
	printf("#   naive sign-test interval covering the true 300:          %.3f\n",
	       (double)naive_true / RUNS);
	TAP_OK(valid == RUNS, "AR(1): every run gives a valid replicate interval");
	TAP_OK(between >= 0.90 * RUNS, "AR(1): a second run lands in the within-run interval %.3f >= 0.90",
	       (double)between / RUNS);
	TAP_OK(ci >= 0.90 * RUNS, "AR(1): the ci covers the true cost %.3f >= 0.90", (double)ci / RUNS);
	TAP_OK(naive < between && naive < 0.75 * RUNS,
	       "AR(1): the naive interval over pairs holds the second run far less often (%.3f)",
	       (double)naive / RUNS);
}

/*
 * The machine's level holds for longer than a replicate: an AR(1) level
 * with phi 0.95 per visit (about 20 visits, two replicates, before it
 * forgets) around 300 ns, sd 30, and visit noise sd 14, each run starting
 * from a level of its own. Neighbouring replicates share the level: the
 * lag-1 test sees part of it, widening the within-run part beyond
 * sd·sqrt(2/k); the rest is run-level variance, which earlier runs measure.
 */
static double slow_run(struct synth *g, struct hb_replicates *rep)
{
	enum { SROUNDS = 100, KS = 10 };
	const double phi = 0.95, sd = 30.0, noise = 14.0;
	double v[SROUNDS], x = sd * synth_normal(g), median;

	for (size_t t = 0; t < SROUNDS; t++) {
		if (t > 0)
			x = phi * x + sqrt(1.0 - phi * phi) * sd * synth_normal(g);
		v[t] = 300.0 + x + noise * synth_normal(g);
	}
	hb_median_by_replicate(v, SROUNDS, KS, &median, rep);
	return median;
}

static void test_slow_level(void)
{
	struct synth g = { 11 };
	size_t within = 0, plain = 0, history = 0;

	for (int i = 0; i < RUNS; i++) {
		struct hb_replicates r1, unused;
		struct hb_between_run b;
		double past[HB_MAX_EARLIER_RUNS], m1, m2;

		for (size_t k = 0; k < HB_MAX_EARLIER_RUNS; k++)
			past[k] = slow_run(&g, &unused);
		m1 = slow_run(&g, &r1);
		m2 = slow_run(&g, &unused);
		hb_between_run(&r1, m1, NULL, 0, RESOLUTION, CONF, &b);
		within += b.low <= m2 && m2 <= b.high;
		plain += fabs(m2 - m1) <= hb_t_quantile(0.975, r1.k - 1) * r1.sd * sqrt(2.0 / r1.k);
		hb_between_run(&r1, m1, past, HB_MAX_EARLIER_RUNS, RESOLUTION, CONF, &b);
		history += b.low <= m2 && m2 <= b.high;
	}
	printf("# slow level (phi 0.95), %d pairs of runs, K = 10: second run inside sd·sqrt(2/k) %.3f, "
	       "the within-run part with the lag-1 test %.3f, with %d earlier runs %.3f\n", RUNS,
	       (double)plain / RUNS, (double)within / RUNS, HB_MAX_EARLIER_RUNS,
	       (double)history / RUNS);
	TAP_OK(within > plain, "slow level: the lag-1 test widens the within-run part (%.3f > %.3f)",
	       (double)within / RUNS, (double)plain / RUNS);
	TAP_OK(history >= 0.90 * RUNS, "slow level: with earlier runs the next run lands inside %.3f >= 0.90",
	       (double)history / RUNS);
}

int main(void)
{
	test_oracle();
	test_arithmetic();
	test_degenerate();
	test_icount_runs();
	test_autocorrelated();
	test_slow_level();
	return tap_done();
}
