// SPDX-License-Identifier: GPL-2.0-only
/*
 * The between-run interval widened by earlier runs, on synthetic runs whose
 * every run carries a shift of its own (what replicates inside it cannot see)
 * and on runs without one.
 */
#include <errno.h>
#include <math.h>

#include "replicates.h"
#include "run_spread.h"
#include "synth.h"
#include "tap.h"

#define CONF 0.95
#define K 10
#define EARLIER 5
#define TRIALS 2000

/* One run: K replicate estimates around truth + a run-level shift; their interval. */
static void one_run(struct synth *g, double sd_run, double sd_rep, struct hb_replicates *rep)
{
	double e[K], shift = sd_run * synth_normal(g);

	for (size_t i = 0; i < K; i++)
		e[i] = 100 + shift + sd_rep * synth_normal(g);
	hb_replicates_interval(e, K, CONF, rep);
}

struct coverage {
	double plain, widened; /* share of next runs inside each interval */
	double width_ratio;    /* mean widened width / mean replicate-only width */
};

static struct coverage simulate(double sd_run, double sd_rep, unsigned seed)
{
	struct synth g = { seed };
	struct coverage c = { 0 };
	double plain_w = 0, wide_w = 0;

	for (size_t t = 0; t < TRIALS; t++) {
		struct hb_replicates earlier_rep, rep, next;
		struct hb_run_spread spread;
		double earlier[EARLIER], lo, hi;

		for (size_t i = 0; i < EARLIER; i++) {
			one_run(&g, sd_run, sd_rep, &earlier_rep);
			earlier[i] = earlier_rep.center;
		}
		one_run(&g, sd_run, sd_rep, &rep);
		one_run(&g, sd_run, sd_rep, &next);
		lo = rep.between_low;
		hi = rep.between_high;
		c.plain += next.center >= lo && next.center <= hi;
		plain_w += hi - lo;
		hb_between_with_history(&rep, rep.center, earlier, EARLIER, CONF, &spread);
		c.widened += next.center >= rep.between_low && next.center <= rep.between_high;
		wide_w += rep.between_high - rep.between_low;
	}
	c.plain /= TRIALS;
	c.widened /= TRIALS;
	c.width_ratio = wide_w / plain_w;
	return c;
}

static void test_coverage(void)
{
	/* A run-level shift twice the replicates' spread: as measured here, 2-3x. */
	struct coverage shifted = simulate(10, 5, 11), steady = simulate(0, 5, 12);

	TAP_OK(shifted.plain < 0.80, "runs that shift as a whole: the replicates' interval alone "
	       "holds the next run %.1f%% of the time (< 80%%)", 100 * shifted.plain);
	TAP_OK(shifted.widened >= 0.93, "with %d earlier runs it holds it %.1f%% (>= 93%%)", EARLIER,
	       100 * shifted.widened);
	TAP_OK(steady.widened >= 0.95, "runs without a shift: still held %.1f%% (>= 95%%)",
	       100 * steady.widened);
	TAP_OK(steady.width_ratio < 1.3, "and the interval is only %.2fx the replicates' (< 1.3x)",
	       steady.width_ratio);
}

static void test_edges(void)
{
	double e[K], earlier[] = { 90, NAN, 110 }, one[] = { 90 };
	struct hb_replicates rep, before;
	struct hb_run_spread spread;

	for (size_t i = 0; i < K; i++)
		e[i] = 100 + (double)i;
	hb_replicates_interval(e, K, CONF, &rep);
	before = rep;
	TAP_OK(hb_between_with_history(&rep, 104.5, one, 1, CONF, &spread) == 0 && spread.runs == 0 &&
	       rep.between_low == before.between_low && rep.between_high == before.between_high,
	       "one earlier run: the interval is left as the replicates gave it");
	TAP_OK(hb_between_with_history(&rep, 104.5, earlier, 3, CONF, &spread) == 0 &&
	       spread.runs == 3, "NAN among earlier runs is skipped: 2 earlier + this one");
	TAP_OK(rep.between_low < before.between_low && rep.between_high > before.between_high &&
	       fabs((rep.between_low + rep.between_high) / 2 - rep.center) < 1e-9,
	       "runs at 90, 104.5, 110 widen it around this run's centre");
	TAP_OK(fabs(spread.sd_runs - 10.3320) < 1e-3, "sd of the run estimates is 10.332 (%.4f)",
	       spread.sd_runs);
	TAP_OK(hb_between_with_history(NULL, 1, earlier, 3, CONF, &spread) == -EINVAL &&
	       hb_between_with_history(&rep, 1, earlier, 3, 1.5, &spread) == -EINVAL,
	       "NULL and a confidence outside (0, 1) are -EINVAL");
}

int main(void)
{
	test_coverage();
	test_edges();
	return tap_done();
}
