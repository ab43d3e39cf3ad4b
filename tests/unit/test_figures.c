// SPDX-License-Identifier: GPL-2.0-only
/*
 * The engine's figures on made-up cells with known answers: overhead over
 * visits, ratio to the reference, dispatch/body, speed states, and where
 * the bpf_stats blocks go.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "figures.h"
#include "states_csv.h"
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

/* Write a summary.csv of an earlier run with `ops` per block into path and load it as history. */
static int earlier_run(const char *path, double tp, double raw_ratio, unsigned ops,
		       struct hb_csv_table *t)
{
	char why[256];
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "hook,payload,mode,threads,status,ops_per_block,overhead_ns_per_event,"
		   "reference_hook,ratio_vs_reference\n"
		   "tracepoint,count,enoent,1,ok,%u,%.2f,tracepoint,1.0000\n"
		   "raw_tp,count,enoent,1,ok,%u,%.2f,tracepoint,%.4f\n"
		   "raw_tp,count,enoent,2,ok,%u,999,tracepoint,9\n", ops, tp, ops, 2 * tp, raw_ratio, ops);
	fclose(f);
	return hb_csv_load(path, t, why, sizeof(why));
}

/* History reaches both intervals, by the amount common/between_run.h says. */
static void test_history(void)
{
	struct fake_run f;
	struct hb_figures figs;
	struct hb_history h = { .nruns = 3 };
	char dir[] = "/tmp/hb-figures-XXXXXX", path[64];
	double runs[3] = { 117.5, 137.5, 127.5 }, mean = 127.5, var, t2 = hb_t_quantile(0.975, 2);
	const struct hb_cell_figures *tp, *raw;

	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof(path), "%s/a.csv", dir);
	earlier_run(path, runs[0], 1.8, 1000, &h.summary[0]);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.csv", dir);
	earlier_run(path, runs[1], 2.2, 1000, &h.summary[1]);
	unlink(path);
	/* Another block size is another estimate: this run must not count. */
	snprintf(path, sizeof(path), "%s/c.csv", dir);
	earlier_run(path, 900, 9, 500, &h.summary[2]);
	unlink(path);
	rmdir(dir);
	fake_run_init(&f, 1000.0, ROUNDS);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, &h) == 0, "figures with 2 earlier runs");
	tp = &figs.cell[TP_COUNT];
	raw = &figs.cell[RAW_COUNT];
	var = (pow(runs[0] - mean, 2) + pow(runs[1] - mean, 2) + pow(runs[2] - mean, 2)) / 2;
	TAP_OK(tp->overhead.between.earlier_runs == 2,
	       "the overhead used both earlier runs with its ops per block, not the third");
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

	/* Fast for 9 rounds of 12: 75% of the blocks, over the 8 / 12 a 12-visit run needs. */
	fake_run_init(&f, 1400.0, 9);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, NULL) == 0, "figures of a run that slowed down");
	st = hb_speed_states_of(&figs.speed, TP_COUNT);
	TAP_OK(figs.speed.ngroups == 1, "one mode x threads: one group of baselines");
	TAP_OK(st->n == 2, "two speed states found (%zu)", st->n);
	TAP_NEAR(st->share[0] + st->share[1], 1.0, 1e-12, "their shares sum to 1");
	for (size_t i = 0; i < NCELLS; i++)
		for (size_t p = 0; p < PAIRS; p++)
			first_half_fast &= figs.speed.pair_state[i][p] == (p < 18 ? 0u : 1u);
	TAP_OK(first_half_fast, "each pair is labelled with its baseline's state, 0 the fastest");
	TAP_OK(figs.speed.groups[0].headline == 0, "the fast state, 75%% of the run, is the headline");
	TAP_OK(figs.cell[TP_COUNT].overhead.visits == 9,
	       "the headline counts the fast state's visits alone (%zu)",
	       figs.cell[TP_COUNT].overhead.visits);
	TAP_NEAR(figs.cell[TP_COUNT].overhead.median, 120.0, 1e-9,
		 "overhead: the median of the fast rounds' 100..140");
	hb_figures_free(&figs);

	/* Fast for half the run: 6 visits a cell, under the 8 a 12-visit run needs: pooled. */
	fake_run_init(&f, 1400.0, ROUNDS / 2);
	hb_figures_compute(&figs, &f.m, &f.o, false, NULL);
	TAP_OK(hb_headline_min_share(ROUNDS) > 0.5 && hb_headline_min_share(80) == HB_HEADLINE_MIN_SHARE,
	       "a 12-visit run needs %.3f of the blocks in the headline state, an 80-visit run 10%%",
	       hb_headline_min_share(ROUNDS));
	TAP_OK(figs.speed.groups[0].headline == HB_NO_STATE && figs.cell[TP_COUNT].overhead.visits == ROUNDS,
	       "half the run is too little for 12 visits: no headline, every visit counts");
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

/*
 * Two cells of one group whose baselines are fast, then slow: cell A fast
 * for its first `a_fast` pairs, cell B for its first `b_fast`, A's fast
 * blocks and then B's in a row, so the group's fast state is one stretch of
 * time. Each pair of a visit differs from the visit's difference by +-e, so
 * pair and visit estimates differ.
 */
enum { CELL_A, CELL_B, NSHARED };

struct shared_run {
	struct hb_cell cells[NSHARED];
	double visits[NSHARED][ROUNDS];
	double baseline[NSHARED][PAIRS], hooked[NSHARED][PAIRS];
	uint64_t seq[NSHARED][PAIRS];
	struct hb_matrix m;
	struct run_opts o;
};

static void fill_shared_cell(struct shared_run *f, size_t i, size_t fast, double cost)
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
	c->payload = HB_PAYLOAD_COUNT;
	for (size_t r = 0; r < ROUNDS; r++) {
		double e = 3.0 * (double)(r % 3);

		c->visit_diff[r] = cost + 5.0 * (double)r;
		for (size_t k = 0; k < 2; k++) {
			size_t p = 2 * r + k;

			c->baseline[p] = (p < fast ? 1000.0 : 1400.0) + (double)((p * 7 + i) % 5);
			c->hooked[p] = c->baseline[p] + c->visit_diff[r] + (k ? -e : e);
			/* fast blocks: A's at 0.., B's at 100..; slow ones: A's at 1000.., B's at 2000.. */
			c->baseline_seq[p] = (p < fast ? 100 * i : 1000 * (i + 1)) + p;
		}
	}
}

/* cells: 1 (A alone) or 2 (A and B). */
static void shared_run_init(struct shared_run *f, size_t cells, size_t a_fast, size_t b_fast)
{
	memset(f, 0, sizeof(*f));
	fill_shared_cell(f, CELL_A, a_fast, 100.0);
	fill_shared_cell(f, CELL_B, b_fast, 200.0);
	f->cells[CELL_A].hook = hb_hook_find("tracepoint");
	f->cells[CELL_B].hook = hb_hook_find("raw_tp");
	f->m = (struct hb_matrix){ .cells = f->cells, .n = cells, .nrounds = ROUNDS,
				   .reference = f->cells[CELL_A].hook };
	f->o.replicates = 4;
	f->o.blocks = PAIRS;
}

static void test_headline_from_baseline(void)
{
	struct shared_run f;
	struct hb_figures alone, both;
	const struct hb_overhead *b;

	/* A: 12 fast visits; B: 5. The fast state holds 34 of 48 baseline blocks. */
	shared_run_init(&f, 2, 24, 10);
	TAP_OK(hb_figures_compute(&both, &f.m, &f.o, false, NULL) == 0,
	       "figures of a group where one cell has 2 visits in the fast state");
	TAP_OK(hb_speed_states_of(&both.speed, CELL_A)->n == 2 &&
	       hb_speed_states_of(&both.speed, CELL_A)->share[0] >= HB_HEADLINE_MIN_SHARE,
	       "two states, the fast one holding %.3f of the baseline blocks",
	       hb_speed_states_of(&both.speed, CELL_A)->share[0]);
	TAP_OK(hb_speed_headline_of(&both.speed, CELL_A) == 0 &&
	       hb_speed_headline_of(&both.speed, CELL_B) == 0,
	       "the fast state is the headline of both cells, though B has 5 visits in it (%u, %u)",
	       hb_speed_headline_of(&both.speed, CELL_A), hb_speed_headline_of(&both.speed, CELL_B));
	b = &both.cell[CELL_B].overhead;
	TAP_OK(b->visits == 5 && b->median == 210.0 && !b->ci.valid && !b->between.valid,
	       "B's figure: the median of its 5 fast visits (%.1f), no interval", b->median);
	TAP_OK(hb_speed_visit_state(&both.speed, &f.m, CELL_B, 4) == 0 &&
	       hb_speed_visit_state(&both.speed, &f.m, CELL_B, 5) == 1,
	       "a visit's state is its first pair's");

	/* The same baseline states without B: A's headline and figure do not move. */
	shared_run_init(&f, 1, 24, 10);
	TAP_OK(hb_figures_compute(&alone, &f.m, &f.o, false, NULL) == 0, "figures of A alone");
	TAP_OK(hb_speed_headline_of(&alone.speed, CELL_A) == hb_speed_headline_of(&both.speed, CELL_A),
	       "adding a cell leaves A's headline state where it was (%u, %u)",
	       hb_speed_headline_of(&alone.speed, CELL_A), hb_speed_headline_of(&both.speed, CELL_A));
	TAP_OK(alone.cell[CELL_A].overhead.visits == both.cell[CELL_A].overhead.visits &&
	       alone.cell[CELL_A].overhead.median == both.cell[CELL_A].overhead.median &&
	       alone.cell[CELL_A].overhead.ci.low == both.cell[CELL_A].overhead.ci.low &&
	       alone.cell[CELL_A].overhead.ci.high == both.cell[CELL_A].overhead.ci.high,
	       "and its figure: %.1f [%.1f, %.1f] over %zu visits", both.cell[CELL_A].overhead.median,
	       both.cell[CELL_A].overhead.ci.low, both.cell[CELL_A].overhead.ci.high,
	       both.cell[CELL_A].overhead.visits);
	hb_figures_free(&alone);
	hb_figures_free(&both);
}

/* Field `col` of the states.csv row for `hook`, state `state` (1-based) in csv into out. */
static bool states_field(const char *csv, const char *hook, unsigned state, const char *col,
			 char *out, size_t len)
{
	char *copy = strdup(csv), *save = NULL, *line;
	int want = -1;
	bool found = false;

	for (line = strtok_r(copy, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save)) {
		char *fields[32], *rest = line;
		size_t n = 0;

		while (rest && n < 32)
			fields[n++] = strsep(&rest, ","); /* keeps empty fields */
		if (want < 0) {
			for (size_t k = 0; k < n; k++)
				if (!strcmp(fields[k], col))
					want = (int)k;
			if (want < 0)
				break;
			continue;
		}
		if (n > (size_t)want && !strcmp(fields[0], hook) && strtoul(fields[4], NULL, 10) == state) {
			snprintf(out, len, "%s", fields[want]);
			found = true;
		}
	}
	free(copy);
	return found;
}

/* A figure as states.csv and summary.csv print it. */
static const char *printed(char *buf, double v)
{
	hb_csv_number(buf, 64, v, 2);
	return buf;
}

/* The row of `state` (0-based) of cell c prints oh's visits, median and interval. */
static bool row_is(const char *csv, const struct hb_cell *c, unsigned state,
		   const struct hb_overhead *oh)
{
	static const char *const cols[] = { "visits", "overhead_ns_per_event", "ci95_low_ns",
					    "ci95_high_ns" };
	char got[4][64], want[4][64];
	bool ok = true;

	snprintf(want[0], 64, "%zu", oh->visits);
	printed(want[1], oh->median);
	printed(want[2], oh->ci.valid ? oh->ci.low : NAN);
	printed(want[3], oh->ci.valid ? oh->ci.high : NAN);
	for (size_t k = 0; k < 4; k++) {
		if (!states_field(csv, c->hook->name, state + 1, cols[k], got[k], 64))
			snprintf(got[k], 64, "(no %s)", cols[k]);
		ok &= !strcmp(got[k], want[k]);
	}
	if (!ok)
		printf("# %s state %u: states.csv %s,%s,%s,%s; expected %s,%s,%s,%s\n", c->hook->name,
		       state + 1, got[0], got[1], got[2], got[3], want[0], want[1], want[2], want[3]);
	return ok;
}

/* The same for the overhead of the visits whose difference diffs[] keeps (NAN: left out). */
static bool row_matches(const char *csv, const struct hb_cell *c, unsigned state,
			const double *diffs)
{
	struct hb_overhead oh;

	return hb_overhead_of_visits(diffs, ROUNDS, 4, HB_CONFIDENCE, &oh) == 0 &&
	       row_is(csv, c, state, &oh);
}

static void test_states_csv_is_summary(void)
{
	struct shared_run f;
	struct hb_figures figs;
	char *csv = NULL, headline[64];
	size_t len = 0;
	FILE *mem;
	bool same_as_summary = true, each_state = true;

	shared_run_init(&f, 2, 24, 10);
	TAP_OK(hb_figures_compute(&figs, &f.m, &f.o, false, NULL) == 0, "figures of the two cells");
	mem = open_memstream(&csv, &len);
	TAP_OK(mem && hb_states_csv_write(mem, &f.m, &figs.speed, HB_CONFIDENCE, "ns") == 0,
	       "states.csv written");
	if (mem)
		fclose(mem);
	for (size_t i = 0; i < NSHARED && csv; i++) {
		const struct hb_cell *c = &f.cells[i];

		same_as_summary &= states_field(csv, c->hook->name, 1, "headline", headline,
						sizeof(headline)) && !strcmp(headline, "1") &&
				   row_is(csv, c, 0, &figs.cell[i].overhead);
		for (unsigned state = 0; state < 2; state++) {
			double mine[ROUNDS];

			for (size_t r = 0; r < ROUNDS; r++)
				mine[r] = hb_speed_visit_state(&figs.speed, &f.m, i, r) == state
						  ? c->visit_diff[r]
						  : NAN;
			each_state &= row_matches(csv, c, state, mine);
		}
	}
	TAP_OK(csv && same_as_summary,
	       "the headline row of each cell prints summary.csv's overhead, interval and visits");
	TAP_OK(csv && each_state, "every state's row: the median visit difference of its visits "
				  "and hb_median_ci()'s interval");
	free(csv);
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
	test_headline_from_baseline();
	test_states_csv_is_summary();
	test_stats_schedule();
	return tap_done();
}
