// SPDX-License-Identifier: GPL-2.0-only
/* Break-even between hooks: the crossing share, its interval, the totals, and the hooks read back. */
#include <math.h>
#include <string.h>

#include "breakeven.h"
#include "results.h"
#include "tap.h"

/* An estimate with the interval est ± half. */
static struct hb_estimate est(double v, double half)
{
	return (struct hb_estimate){ .ok = true, .est = v, .low = v - half, .high = v + half };
}

static void test_crossing(void)
{
	struct hb_crossing c = hb_breakeven_cross(est(200, 0), est(150, 0), est(300, 0), est(0, 0));
	struct hb_estimate ta = hb_breakeven_total(est(200, 0), est(150, 0), 0.6);
	struct hb_estimate tb = hb_breakeven_total(est(300, 0), est(0, 0), 0.6);

	TAP_OK(c.crosses, "E_a=200 O_a=150 against E_b=300 O_b=0 cross");
	TAP_NEAR(c.share, 0.6, 1e-12, "at s* = 150 / (150 + 100) = 0.6");
	TAP_OK(c.below == 1, "b, the one that adds nothing to other syscalls, costs less below it");
	TAP_NEAR(ta.est, 180000, 1e-6, "a's total at 0.6: 1000·(0.6·200 + 0.4·150)");
	TAP_NEAR(tb.est, ta.est, 1e-6, "which is b's");
	TAP_NEAR(hb_breakeven_total(est(200, 0), est(150, 0), 0.1).est, 155000, 1e-6,
		 "at 0.1 a costs 155 µs per 1000 syscalls");
	TAP_NEAR(c.low, 0.6, 1e-12, "without intervals, the crossing's interval is the point");
	TAP_NEAR(c.high, 0.6, 1e-12, "at both ends");
	c = hb_breakeven_cross(est(300, 0), est(0, 0), est(200, 0), est(150, 0));
	TAP_OK(c.crosses && fabs(c.share - 0.6) < 1e-12 && c.below == 0, "the same pair the other way round");
}

static void test_no_crossing(void)
{
	struct hb_crossing c = hb_breakeven_cross(est(100, 5), est(10, 2), est(200, 5), est(20, 2));

	TAP_OK(!c.crosses && c.always == 0, "a cheaper on both: no crossing, a cheaper at every share");
	TAP_OK(c.firm, "with intervals apart on both, for certain");
	c = hb_breakeven_cross(est(200, 5), est(20, 2), est(100, 5), est(10, 2));
	TAP_OK(!c.crosses && c.always == 1 && c.firm, "the other way round: b at every share");
	c = hb_breakeven_cross(est(220, 13), est(18, 5), est(215, 13), est(5, 3));
	TAP_OK(!c.crosses && c.always == 1 && !c.firm,
	       "b cheaper on both, but E's intervals overlap: within them they may cross");
	c = hb_breakeven_cross(est(100, 0), est(10, 0), est(100, 0), est(10, 0));
	TAP_OK(!c.crosses && c.always == 0, "two equal hooks never cross");
	c = hb_breakeven_cross(est(100, 0), est(10, 0), est(100, 0), est(20, 0));
	TAP_OK(!c.crosses && c.always == 0, "equal on unlinkat: the one cheaper elsewhere wins everywhere");
}

static void test_interval_rule(void)
{
	/* D_E in [190 − 310, 210 − 290] = [−120, −80], D_O in [140, 160]: s* = D_O / (D_O − D_E). */
	struct hb_crossing c = hb_breakeven_cross(est(200, 10), est(150, 10), est(300, 10), est(0, 0));
	struct hb_estimate t = hb_breakeven_total(est(200, 10), est(150, 10), 0.25);

	TAP_NEAR(c.share, 0.6, 1e-12, "the estimate comes from the estimates");
	TAP_NEAR(c.low, 140.0 / 260, 1e-12, "its low end: the smallest D_O with the largest |D_E|");
	TAP_NEAR(c.high, 160.0 / 240, 1e-12, "its high end: the largest D_O with the smallest |D_E|");
	c = hb_breakeven_cross(est(200, 10), est(150, 10), est(300, 110), est(0, 0));
	TAP_OK(c.crosses && c.high == 1 && fabs(c.low - 140.0 / 360) < 1e-12,
	       "E's intervals overlap: the crossing may reach 100%% (b cheaper at every share)");
	c = hb_breakeven_cross(est(200, 10), est(150, 160), est(300, 10), est(0, 0));
	TAP_OK(c.crosses && c.low == 0 && c.high > 0.6, "O's intervals overlap: it may reach 0%%");
	TAP_NEAR(t.low, 1000 * (0.25 * 190 + 0.75 * 140), 1e-6, "a total's low end from the low ends");
	TAP_NEAR(t.high, 1000 * (0.25 * 210 + 0.75 * 160), 1e-6, "and its high end from the high ends");
}

/* A figure without an interval (bounds NAN): what is made of it has none, it is not exact. */
static void test_missing_interval(void)
{
	struct hb_estimate bare = { .ok = true, .est = 150, .low = NAN, .high = NAN };
	struct hb_crossing c = hb_breakeven_cross(est(200, 10), bare, est(300, 10), est(0, 0));
	struct hb_estimate t = hb_breakeven_total(est(200, 10), bare, 0.25);

	TAP_OK(c.crosses && fabs(c.share - 0.6) < 1e-12, "the crossing's estimate stands without O_a's interval");
	TAP_OK(isnan(c.low) && isnan(c.high), "but its interval is unknown, not the point (got [%g, %g])",
	       c.low, c.high);
	TAP_NEAR(t.est, 1000 * (0.25 * 200 + 0.75 * 150), 1e-6, "a total's estimate stands too");
	TAP_OK(isnan(t.low) && isnan(t.high), "its interval is unknown (got [%g, %g])", t.low, t.high);
	c = hb_breakeven_cross(est(100, 5), bare, est(200, 5), est(200, 2));
	TAP_OK(!c.crosses && c.always == 0 && !c.firm,
	       "no crossing at the estimates, but not firm: without O_a's interval they may cross");
}

static void test_fixture(void)
{
	struct hb_results r;
	struct hb_breakeven be;
	struct hb_crossing c;
	const struct hb_be_hook *h;
	long a, z;
	char why[512];

	TAP_OK(hb_results_load(&r, FIXTURES "/results/breakeven", why, sizeof(why)) == 0,
	       "the break-even fixture loads: %s", why);
	hb_breakeven_collect(&r, "count", &be);
	TAP_OK(be.any_other && be.by_ratio && !strcmp(be.threads, "1"), "it has other rows, and ratios");
	TAP_OK(be.n == 6, "six hooks, the control left out (got %zu)", be.n);
	a = hb_breakeven_cheapest(&be);
	z = hb_breakeven_least_collateral(&be);
	TAP_OK(a == 0 && !strcmp(be.hook[a].hook, "tp_btf"), "tp_btf is the cheapest per unlinkat");
	TAP_OK(z >= 0 && !strcmp(be.hook[z].hook, "tracepoint_exit"), "tracepoint_exit adds least elsewhere");
	h = &be.hook[hb_breakeven_find(&be, "tracepoint")];
	TAP_OK(h->remote_worse && !strcmp(h->other_mode, "other_remote") && h->other.est == 18.0 &&
	       h->other.low == 13.1, "the tracepoint's O is other_remote's (18.0 > 15.0), between-run interval");
	h = &be.hook[z];
	TAP_OK(!h->remote_worse && !strcmp(h->other_mode, "other") && h->other.est == 5.0,
	       "tracepoint_exit's is other's (5.0 > 4.1)");
	TAP_OK(h->between_runs && h->unlinkat.low == 202.1, "E with its between-run interval");
	TAP_OK(be.hook[hb_breakeven_find(&be, "kprobe")].status == HB_BE_UNSUPPORTED &&
	       be.hook[hb_breakeven_find(&be, "fentry")].status == HB_BE_UNSUPPORTED &&
	       strstr(be.hook[hb_breakeven_find(&be, "kprobe")].reason, "CONFIG_KPROBES"),
	       "unsupported hooks are absent from the comparison, with their reason");
	TAP_OK(be.hook[4].status == HB_BE_UNSUPPORTED && be.hook[5].status == HB_BE_UNSUPPORTED,
	       "and ranked last");
	c = hb_breakeven_cross(be.hook[a].unlinkat, be.hook[a].other, be.hook[z].unlinkat, be.hook[z].other);
	TAP_OK(c.crosses && c.below == 1, "they cross; tracepoint_exit costs less below");
	TAP_NEAR(c.share, 130.0 / 175, 1e-9, "at 130 / (130 + 45)");
	TAP_NEAR(c.low, 117.5 / (117.5 + 68.1), 1e-9, "from [159.8, 180.2] − [202.1, 227.9] and "
		 "[125.6, 144.4] − [1.9, 8.1]: low end");
	TAP_NEAR(c.high, 142.5 / (142.5 + 21.9), 1e-9, "and high end");
	hb_results_free(&r);

	TAP_OK(hb_results_load(&r, FIXTURES "/results/base", why, sizeof(why)) == 0, "a run without other rows");
	hb_breakeven_collect(&r, "count", &be);
	TAP_OK(!be.any_other && hb_breakeven_cheapest(&be) < 0, "has nothing to break even");
	TAP_OK(be.hook[0].status == HB_BE_NO_OTHER && !strcmp(be.hook[0].hook, "raw_tp") &&
	       be.hook[0].unlinkat.ok && !be.hook[0].between_runs,
	       "its hooks are measured per unlinkat only, with the within-run interval");
	hb_results_free(&r);
}

int main(void)
{
	test_crossing();
	test_no_crossing();
	test_interval_rule();
	test_missing_interval();
	test_fixture();
	return tap_done();
}
