// SPDX-License-Identifier: GPL-2.0-only
/*
 * The engine's figures on made-up cells with known answers: overhead over
 * visits, ratio to the reference, dispatch/body, speed states, and where
 * the bpf_stats blocks go.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "stats_schedule.h"
#include "tap.h"

#define ROUNDS 12
#define PAIRS (2 * ROUNDS)

enum { TP_COUNT, RAW_COUNT, RAW_EMPTY, CONTROL, NCELLS };

struct fake_run {
	struct hb_cell cells[NCELLS];
	double visits[NCELLS][ROUNDS];
	double baseline[NCELLS][PAIRS], hooked[NCELLS][PAIRS];
	uint64_t seq[NCELLS][PAIRS];
	struct hb_matrix m;
	struct run_opts o;
	size_t fast_rounds; /* rounds before the baseline slows down */
};

/*
 * Each cell's visit r has difference diff(r); its pairs share it. Baselines
 * run at 1000 ns/op in the first f->fast_rounds rounds and at `slow` after; the
 * cells take turns, so the baseline blocks of all cells interleave in time.
 */
static void fill_cell(struct fake_run *f, size_t i, double (*diff)(size_t r), double slow)
{
	struct hb_cell *c = &f->cells[i];

	c->visit_diff = f->visits[i];
	c->baseline = f->baseline[i];
	c->hooked = f->hooked[i];
	c->baseline_seq = f->seq[i];
	c->npairs = PAIRS;
	c->state = HB_CELL_OK;
	c->mode = STORM_MODE_ENOENT;
	c->threads = 1;
	for (size_t r = 0; r < ROUNDS; r++) {
		c->visit_diff[r] = diff(r);
		for (size_t k = 0; k < 2; k++) {
			size_t p = 2 * r + k;

			c->baseline[p] = (r < f->fast_rounds ? 1000.0 : slow) + (double)((p * 7 + i) % 5);
			c->hooked[p] = c->baseline[p] + c->visit_diff[r];
			c->baseline_seq[p] = (uint64_t)((r * NCELLS + i) * 2 + k);
		}
	}
}

/* A reference whose cost drifts from 100 to 155 over the run. */
static double tp_diff(size_t r) { return 100.0 + 5.0 * (double)r; }
/* Twice the reference, round by round. */
static double raw_diff(size_t r) { return 2.0 * tp_diff(r); }
/* Its dispatch: 30 less than raw_tp/count in every round. */
static double empty_diff(size_t r) { return raw_diff(r) - 30.0; }
static double noise_diff(size_t r) { return (r % 2 ? 1.0 : -1.0) * (double)r; }

static void fake_run_init(struct fake_run *f, double slow, size_t fast_rounds)
{
	memset(f, 0, sizeof(*f));
	f->fast_rounds = fast_rounds;
	fill_cell(f, TP_COUNT, tp_diff, slow);
	fill_cell(f, RAW_COUNT, raw_diff, slow);
	fill_cell(f, RAW_EMPTY, empty_diff, slow);
	fill_cell(f, CONTROL, noise_diff, slow);
	f->cells[TP_COUNT].hook = hb_hook_find("tracepoint");
	f->cells[RAW_COUNT].hook = f->cells[RAW_EMPTY].hook = hb_hook_find("raw_tp");
	f->cells[TP_COUNT].payload = f->cells[RAW_COUNT].payload = HB_PAYLOAD_COUNT;
	f->cells[RAW_EMPTY].payload = HB_PAYLOAD_EMPTY;
	f->cells[CONTROL].hook = &hb_control_hook;
	f->cells[CONTROL].control = true;
	f->m = (struct hb_matrix){ .cells = f->cells, .n = NCELLS, .nrounds = ROUNDS,
				   .reference = f->cells[TP_COUNT].hook };
	f->o.replicates = 4;
	f->o.blocks = PAIRS;
}

static void test_overhead_and_ratio(void)
{
	struct fake_run f;
	struct hb_figures figs;
	const struct hb_cell_figures *tp, *raw, *empty, *control;

	fake_run_init(&f, 1000.0, ROUNDS / 2);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, NULL) == 0, "figures of a made-up run");
	tp = &figs.cell[TP_COUNT];
	raw = &figs.cell[RAW_COUNT];
	empty = &figs.cell[RAW_EMPTY];
	control = &figs.cell[CONTROL];
	TAP_OK(tp->overhead.visits == ROUNDS, "one observation per visit, not per pair (%zu)",
	       tp->overhead.visits);
	TAP_NEAR(tp->overhead.median, 127.5, 1e-9, "overhead: the median visit difference");
	TAP_OK(tp->overhead.ci.valid && tp->overhead.ci.low == 110.0 && tp->overhead.ci.high == 145.0,
	       "its interval: the sign test's ranks over 12 visits [x(3), x(10)]");
	TAP_OK(tp->overhead.between.valid && tp->overhead.between.between_low < 127.5 &&
	       tp->overhead.between.between_high > 127.5,
	       "a between-run interval from 4 replicates around the drifting cost");
	TAP_OK(tp->ratio.known && tp->ratio.median == 1 && tp->ratio.between_low == 1 &&
	       tp->ratio.between_high == 1, "the reference's ratio is 1 [1, 1]");
	TAP_NEAR(raw->ratio.median, 2.0, 1e-12, "twice the reference in every round: ratio 2");
	TAP_NEAR(raw->ratio.between_low, 2.0, 1e-12, "and the drift cancels: the interval is [2, 2]");
	TAP_NEAR(raw->ratio.between_high, 2.0, 1e-12, "(high end)");
	TAP_OK(!control->ratio.known && isnan(control->ratio.median), "the control has no ratio");
	TAP_NEAR(raw->breakdown.dispatch_ns, empty->overhead.median, 0,
		 "dispatch_ns: the empty cell's overhead");
	TAP_NEAR(raw->breakdown.body_ns, 30.0, 1e-9, "body_ns: the median per-round difference");
	TAP_OK(empty->breakdown.body_ns == 0 && empty->breakdown.dispatch_ns == empty->overhead.median,
	       "the empty row: dispatch is its overhead, body 0");
	TAP_OK(isnan(tp->breakdown.dispatch_ns) && isnan(tp->breakdown.body_ns),
	       "no breakdown for a hook whose empty was not measured");
	TAP_OK(isnan(control->breakdown.dispatch_ns), "nor for the control");
	TAP_OK(control->overhead.ci.low <= 0 && control->overhead.ci.high >= 0,
	       "the control's interval contains 0");
	TAP_NEAR(tp->total_ns, tp->overhead.median, 0, "total_ns is the overhead without a reader");
	hb_figures_free(&figs);
}

static void test_speed_states(void)
{
	struct fake_run f;
	struct hb_figures figs;
	const struct hb_states *st;
	int first_half_fast = 1;

	fake_run_init(&f, 1400.0, ROUNDS / 2);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, NULL) == 0, "figures of a run that slowed down");
	st = hb_speed_states_of(&figs.speed, TP_COUNT);
	TAP_OK(figs.speed.ngroups == 1, "one mode x threads: one group of baselines");
	TAP_OK(st->n == 2, "two speed states found (%zu)", st->n);
	TAP_NEAR(st->share[0] + st->share[1], 1.0, 1e-12, "their shares sum to 1");
	for (size_t i = 0; i < NCELLS; i++)
		for (size_t p = 0; p < PAIRS; p++)
			first_half_fast &= figs.speed.pair_state[i][p] == (p < PAIRS / 2 ? 0u : 1u);
	TAP_OK(first_half_fast, "each pair is labelled with its baseline's state, 0 the fastest");
	TAP_OK(figs.speed.groups[0].headline == 0, "the fast state, half the run, is the headline");
	TAP_OK(figs.cell[TP_COUNT].overhead.visits == ROUNDS / 2,
	       "the headline counts the fast state's visits alone (%zu)",
	       figs.cell[TP_COUNT].overhead.visits);
	TAP_NEAR(figs.cell[TP_COUNT].overhead.median, 112.5, 1e-9,
		 "overhead: the median of the fast rounds' 100..125");
	TAP_NEAR(figs.cell[RAW_COUNT].ratio.median, 2.0, 1e-12, "ratio from the same rounds: 2");
	TAP_NEAR(figs.cell[RAW_COUNT].breakdown.body_ns, 30.0, 1e-9, "body from the same rounds: 30");
	hb_figures_free(&figs);

	/* Fast for one round of twelve: a state (8 blocks in a row), but under 10% of the run. */
	fake_run_init(&f, 1400.0, 1);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, NULL) == 0, "a run fast for one round");
	st = hb_speed_states_of(&figs.speed, TP_COUNT);
	TAP_OK(st->n == 2 && st->share[0] < HB_HEADLINE_MIN_SHARE,
	       "two states, the fast one holding %.3f of the run", st->share[0]);
	TAP_OK(figs.speed.groups[0].headline == 1, "too short to be the headline: the slow state is");
	TAP_NEAR(figs.cell[TP_COUNT].overhead.median, 130.0, 1e-9,
		 "overhead: the median of rounds 1..11's 105..155");
	hb_figures_free(&figs);

	/* A guest whose CPU clock ticks coarser than a block times some blocks as 0. */
	f.baseline[CONTROL][3] = 0;
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, NULL) == 0, "a block timed as 0 ns/op is no error");
	TAP_OK(figs.speed.pair_state[CONTROL][3] == HB_NO_STATE &&
	       figs.speed.pair_state[CONTROL][4] != HB_NO_STATE, "that pair alone has no state");
	hb_figures_free(&figs);
}

static void test_stats_schedule(void)
{
	static const struct { uint64_t total; size_t rounds; } cases[] = {
		{ 5, 100 }, { 5, 6 }, { 2, 3 }, { 7, 7 }, { 13, 4 }, { 0, 9 },
	};

	for (size_t t = 0; t < sizeof(cases) / sizeof(cases[0]); t++) {
		uint64_t sum = 0, most = 0, least = UINT64_MAX, ceil_each;

		for (size_t r = 0; r < cases[t].rounds; r++) {
			uint64_t n = hb_stats_blocks_in_round(cases[t].total, cases[t].rounds, r);

			sum += n;
			most = n > most ? n : most;
			least = n < least ? n : least;
		}
		ceil_each = (cases[t].total + cases[t].rounds - 1) / cases[t].rounds;
		TAP_OK(sum == cases[t].total && most <= ceil_each && least >= cases[t].total / cases[t].rounds,
		       "%" PRIu64 " stats blocks over %zu rounds: all placed, evenly", cases[t].total,
		       cases[t].rounds);
	}
	TAP_OK(hb_stats_blocks_in_round(5, 100, 0) == 0 && hb_stats_blocks_in_round(5, 100, 9) == 1 &&
	       hb_stats_blocks_in_round(5, 100, 89) == 1,
	       "5 over 100 rounds: none in the first, one in rounds 9 and 89 (0-based)");
	TAP_OK(hb_stats_blocks_in_round(3, 0, 0) == 0, "no rounds: nothing");
}

int main(void)
{
	test_overhead_and_ratio();
	test_speed_states();
	test_stats_schedule();
	return tap_done();
}
