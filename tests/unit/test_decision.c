// SPDX-License-Identifier: GPL-2.0-only
/* The decision: ties named together in hook-table order, the flip, its band. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "decision.h"
#include "tap.h"

static struct hb_estimate est(double v, double half)
{
	return (struct hb_estimate){ .ok = true, .est = v, .low = v - half, .high = v + half };
}

static void add(struct hb_breakeven *be, const char *hook, struct hb_estimate e, struct hb_estimate o)
{
	struct hb_be_hook *h = &be->hook[be->n++];

	memset(h, 0, sizeof(*h));
	h->hook = hook;
	h->status = HB_BE_MEASURED;
	h->unlinkat = e;
	h->other = o;
	h->other_mode = "other";
	h->reason = "";
}

/* The reference run's shape: syscall tracepoints cheap elsewhere, raw ones cheap on unlinkat. */
static void reference_like(struct hb_breakeven *be, double noise)
{
	memset(be, 0, sizeof(*be));
	be->payload = "count";
	be->threads = "1";
	be->any_other = true;
	add(be, "tp_btf", est(201 + noise, 26), est(149, 25));
	add(be, "raw_tp", est(203 - noise, 22), est(153, 31));
	add(be, "tracepoint_exit", est(240, 30), est(18 + noise, 24));
	add(be, "tracepoint", est(264, 38), est(29 - noise, 20));
}

static const char *name(const struct hb_breakeven *be, size_t k)
{
	return be->hook[k].hook;
}

static void test_tie(void)
{
	struct hb_breakeven be;
	struct hb_decision d;

	reference_like(&be, 0);
	TAP_OK(hb_decide(&be, 0.01, &d) == 0, "a decision at 1%%");
	TAP_OK(d.npick == 2, "two hooks whose totals' intervals overlap are a tie (got %zu)", d.npick);
	TAP_OK(d.npick == 2 && !strcmp(name(&be, d.pick[0]), "tracepoint") &&
	       !strcmp(name(&be, d.pick[1]), "tracepoint_exit"),
	       "named in the hook table's order, not by cost (tracepoint_exit is the cheaper)");
	TAP_OK(!strcmp(name(&be, d.best), "tracepoint_exit"), "the cheaper of the tie is what the flip starts from");
	reference_like(&be, 12);
	hb_decide(&be, 0.01, &d);
	TAP_OK(d.npick == 2 && !strcmp(name(&be, d.pick[0]), "tracepoint"), "noise that swaps their order changes no name");
	TAP_OK(!strcmp(name(&be, d.best), "tracepoint"), "(it swapped which is the cheaper)");
}

static void test_no_tie(void)
{
	struct hb_breakeven be;
	struct hb_decision d;

	reference_like(&be, 0);
	be.hook[2].other = est(18, 2);
	be.hook[3].other = est(29, 2);
	hb_decide(&be, 0.01, &d);
	TAP_OK(d.npick == 1 && !strcmp(name(&be, d.pick[0]), "tracepoint_exit"),
	       "intervals apart: one hook, the cheaper");
}

static void test_flip(void)
{
	struct hb_breakeven be;
	struct hb_decision d;

	reference_like(&be, 0);
	hb_decide(&be, 0.01, &d);
	TAP_OK(d.bucket == HB_FLIP_OVER_50 && d.up, "the tie gives way above 50%% (got band %d)", d.bucket);
	/* tracepoint_exit against tp_btf: (149 − 18) / ((240 − 201) + (149 − 18)). */
	TAP_NEAR(d.flip.share, 131.0 / 170, 1e-9, "at the nearest crossing of the tie's cheapest");
	TAP_OK(!strcmp(name(&be, d.crosser), "tp_btf"), "with the hook it crosses");
	TAP_OK(d.nalt == 2 && !strcmp(name(&be, d.alt[0]), "raw_tp") && !strcmp(name(&be, d.alt[1]), "tp_btf"),
	       "beyond it, the tie at 100%% of the hooks outside the pick, in table order");
	reference_like(&be, 12);
	hb_decide(&be, 0.01, &d);
	TAP_OK(d.bucket == HB_FLIP_OVER_50, "noise within the intervals keeps the band");
	memset(&be, 0, sizeof(be));
	be.any_other = true;
	add(&be, "tp_btf", est(201, 5), est(149, 5));
	add(&be, "tracepoint", est(264, 5), est(29, 3));
	hb_decide(&be, 0.95, &d);
	TAP_OK(d.npick == 1 && !strcmp(name(&be, d.best), "tp_btf") && !d.up,
	       "decided above the flip, tp_btf is the pick and it flips downwards");
	TAP_NEAR(d.flip.share, 120.0 / 183, 1e-9, "at (149 − 29) / ((264 − 201) + (149 − 29))");
	TAP_OK(d.nalt == 1 && !strcmp(name(&be, d.alt[0]), "tracepoint"), "below it, tracepoint");
}

static void test_bands(void)
{
	TAP_OK(hb_flip_bucket_of(0.005) == HB_FLIP_UNDER_1, "0.5%% is under 1%%");
	TAP_OK(hb_flip_bucket_of(0.01) == HB_FLIP_1_TO_10, "1%% starts the 1–10%% band");
	TAP_OK(hb_flip_bucket_of(0.499) == HB_FLIP_10_TO_50, "49.9%% is 10–50%%");
	TAP_OK(hb_flip_bucket_of(0.5) == HB_FLIP_OVER_50, "50%% is 50–100%%");
}

static void test_always(void)
{
	struct hb_breakeven be;
	struct hb_decision d;

	memset(&be, 0, sizeof(be));
	be.any_other = true;
	add(&be, "tracepoint", est(100, 5), est(10, 2));
	add(&be, "raw_tp", est(200, 5), est(50, 2));
	hb_decide(&be, 0.01, &d);
	TAP_OK(d.npick == 1 && d.bucket == HB_FLIP_NONE, "cheaper on both: the pick at every share");
	memset(&be, 0, sizeof(be));
	TAP_OK(hb_decide(&be, 0.01, &d) == -ENOENT, "nothing measured: -ENOENT");
	TAP_OK(hb_overlap(est(10, 1), est(12, 1)) && !hb_overlap(est(10, 0.9), est(12, 0.9)),
	       "overlap is inclusive at touching ends, false when apart");
}

int main(void)
{
	test_tie();
	test_no_tie();
	test_flip();
	test_bands();
	test_always();
	return tap_done();
}
