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
#include <unistd.h>

#include "figures.h"
#include "stats_schedule.h"
#include "tap.h"
#include "tdist.h"

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
	f->o.ops_per_block = 1000;
}

static void test_overhead_and_ratio(void)
{
	struct fake_run f;
	struct hb_figures figs;
	const struct hb_cell_figures *tp, *raw, *empty, *control;
	char flags[256];

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
	TAP_OK(tp->overhead.between.valid && tp->overhead.between.earlier_runs == 0 &&
	       tp->overhead.between.low < 127.5 && tp->overhead.between.high > 127.5,
	       "without history: a within-run interval from 4 replicates around the drifting cost");
	TAP_NEAR((tp->overhead.between.low + tp->overhead.between.high) / 2, 127.5, 1e-9,
		 "centred on the reported estimate, the median of all visits");
	TAP_OK(tp->ratio.known && tp->ratio.is_reference && tp->ratio.median == 1 &&
	       !tp->ratio.between.valid, "the reference's ratio is 1, the reference, with no interval");
	TAP_NEAR(raw->ratio.median, 2.0, 1e-12, "twice the reference in every round: ratio 2");
	TAP_OK(raw->ratio.between.at_resolution,
	       "the drift cancels, every replicate reads 2: widened to the resolution, and flagged");
	TAP_NEAR(raw->ratio.between.high - 2.0, 0.001 / 127.5, 1e-12,
		 "one clock tick over a 1000-op block, over the reference's 127.5");
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
	hb_figures_flags(&f.cells[RAW_COUNT], raw, flags, sizeof(flags));
	TAP_OK(!strcmp(flags, "ratio_at_resolution"), "raw_tp's flags: ratio_at_resolution (%s)", flags);
	hb_figures_free(&figs);
}

/* A control whose every visit adds 5: each figure of its group carries that bias. */
static double biased_diff(size_t r) { return 5.0 + (r % 2 ? 0.5 : -0.5); }
/* A reference adding nothing, give or take. */
static double zero_diff(size_t r) { return noise_diff(r); }

static void test_flags(void)
{
	struct fake_run f;
	struct hb_figures figs;
	char flags[256];

	fake_run_init(&f, 1000.0, ROUNDS);
	fill_cell(&f, CONTROL, biased_diff, 1000.0);
	hb_figures_compute(&figs, &f.m, &f.o, false, NULL);
	hb_figures_flags(&f.cells[CONTROL], &figs.cell[CONTROL], flags, sizeof(flags));
	TAP_OK(!strcmp(flags, "control_biased"), "a control whose CI excludes 0 is flagged (%s)", flags);
	hb_figures_flags(&f.cells[TP_COUNT], &figs.cell[TP_COUNT], flags, sizeof(flags));
	TAP_OK(strstr(flags, "control_biased") != NULL, "and so is every hook it biases (%s)", flags);
	hb_figures_free(&figs);

	fake_run_init(&f, 1000.0, ROUNDS);
	fill_cell(&f, TP_COUNT, zero_diff, 1000.0);
	hb_figures_compute(&figs, &f.m, &f.o, false, NULL);
	TAP_OK(!figs.cell[RAW_COUNT].ratio.known && figs.cell[RAW_COUNT].ratio.reference_not_above_zero &&
	       !figs.cell[RAW_COUNT].ratio.between.valid,
	       "a reference whose CI reaches 0: no ratio, not a number divided by noise");
	hb_figures_flags(&f.cells[RAW_COUNT], &figs.cell[RAW_COUNT], flags, sizeof(flags));
	TAP_OK(!strcmp(flags, "reference_not_above_zero"), "flagged (%s)", flags);
	hb_figures_free(&figs);

	fake_run_init(&f, 1000.0, ROUNDS);
	fill_cell(&f, RAW_COUNT, biased_diff, 1000.0);
	for (size_t r = 0; r < ROUNDS; r++)
		f.visits[RAW_COUNT][r] = -f.visits[RAW_COUNT][r];
	hb_figures_compute(&figs, &f.m, &f.o, false, NULL);
	hb_figures_flags(&f.cells[RAW_COUNT], &figs.cell[RAW_COUNT], flags, sizeof(flags));
	TAP_OK(strstr(flags, "below_zero") != NULL, "a hook whose CI lies below 0 is flagged (%s)", flags);
	hb_figures_free(&figs);
}

/* Write a summary.csv of earlier run `n` into path and load it as history. */
static int earlier_run(const char *path, double tp, double raw_ratio, struct hb_csv_table *t)
{
	char why[256];
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "hook,payload,mode,threads,status,overhead_ns_per_event,reference_hook,ratio_vs_reference\n"
		   "tracepoint,count,enoent,1,ok,%.2f,tracepoint,1.0000\n"
		   "raw_tp,count,enoent,1,ok,%.2f,tracepoint,%.4f\n"
		   "raw_tp,count,enoent,2,ok,999,tracepoint,9\n", tp, 2 * tp, raw_ratio);
	fclose(f);
	return hb_csv_load(path, t, why, sizeof(why));
}

/* History reaches both intervals, by the amount common/between_run.h says. */
static void test_history(void)
{
	struct fake_run f;
	struct hb_figures figs;
	struct hb_history h = { .nruns = 2 };
	char dir[] = "/tmp/hb-figures-XXXXXX", path[64];
	double runs[3] = { 117.5, 137.5, 127.5 }, mean = 127.5, var, t2 = hb_t_quantile(0.975, 2);
	const struct hb_cell_figures *tp, *raw;

	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof(path), "%s/a.csv", dir);
	earlier_run(path, runs[0], 1.8, &h.summary[0]);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.csv", dir);
	earlier_run(path, runs[1], 2.2, &h.summary[1]);
	unlink(path);
	rmdir(dir);
	fake_run_init(&f, 1000.0, ROUNDS);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, &h) == 0, "figures with 2 earlier runs");
	tp = &figs.cell[TP_COUNT];
	raw = &figs.cell[RAW_COUNT];
	var = (pow(runs[0] - mean, 2) + pow(runs[1] - mean, 2) + pow(runs[2] - mean, 2)) / 2;
	TAP_OK(tp->overhead.between.earlier_runs == 2, "the overhead used both earlier runs");
	TAP_NEAR(tp->overhead.between.high - 127.5, t2 * sqrt(2 * var), 1e-9,
		 "and its half-width is t(2)·sqrt(2·s²_runs) = %.2f (runs 117.5, 137.5, 127.5)",
		 t2 * sqrt(2 * var));
	TAP_OK(raw->ratio.between.earlier_runs == 2 && !raw->ratio.between.at_resolution,
	       "the ratio used them too: no longer at the resolution");
	TAP_NEAR(raw->ratio.between.high - 2.0, t2 * sqrt(2 * 0.04), 1e-9,
		 "its half-width from ratios 1.8, 2.2, 2.0: t(2)·sqrt(2·0.04)");
	TAP_OK(figs.cell[CONTROL].overhead.between.earlier_runs == 0,
	       "a cell the earlier runs lack: within-run only");
	hb_figures_free(&figs);
	hb_history_free(&h);
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
	test_flags();
	test_history();
	test_speed_states();
	test_stats_schedule();
	return tap_done();
}
