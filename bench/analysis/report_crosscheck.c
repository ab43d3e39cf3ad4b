// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hyperfine section of report.md: whole-command estimates beside the
 * paired ones. Agreement is judged here again from the figures, by the
 * rule of crosscheck_rule.h, so that the page and hyperfine.csv's agree
 * column cannot tell two stories.
 */
#include "report_crosscheck.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "crosscheck_rule.h"
#include "stats.h"

/* One loader's row of hyperfine.csv, judged. */
struct xc_row {
	bool ran;
	bool between;                 /* compared with the between-run interval */
	double paired_low, paired_high;
	struct hb_crosscheck judged;
	struct hb_crosscheck_facts facts;
};

/* A count column; all when a file from before the column has none. */
static size_t count_or(const struct hb_csv_table *t, size_t i, const char *col, size_t all)
{
	double v = hb_table_num(t, i, col);

	return isnan(v) ? all : (size_t)v;
}

static struct xc_row read_row(const struct hb_csv_table *t, size_t i)
{
	struct xc_row x = { .ran = !strcmp(hb_table_str(t, i, "status"), "ok") };
	double paired = hb_table_num(t, i, "paired_ns");
	size_t rounds = count_or(t, i, "rounds", 0);

	x.paired_low = hb_table_num(t, i, "paired_between_low_ns");
	x.paired_high = hb_table_num(t, i, "paired_between_high_ns");
	x.between = !isnan(x.paired_low) && !isnan(x.paired_high);
	if (!x.between) {
		x.paired_low = hb_table_num(t, i, "paired_ci95_low_ns");
		x.paired_high = hb_table_num(t, i, "paired_ci95_high_ns");
	}
	x.judged = hb_crosscheck_judge(hb_table_num(t, i, "ci95_low_ns"), hb_table_num(t, i, "ci95_high_ns"),
				       paired, x.paired_low, x.paired_high);
	x.facts = (struct hb_crosscheck_facts){
		.hook = hb_table_str(t, i, "hook"),
		.loader_s = hb_table_num(t, i, "loader_cmd_s"),
		.outside_s = hb_table_num(t, i, "loader_outside_s"),
		.rounds = rounds,
		.kept = count_or(t, i, "rounds_kept", rounds),
		.slower = count_or(t, i, "rounds_slower", 0),
		.bare_ns = hb_table_num(t, i, "bare_ns_per_op"),
		.state_ns = hb_table_num(t, i, "state_ns_per_op"),
		.paired = paired,
	};
	return x;
}

/* hyperfine.csv of a run counted in ns; false (nothing loaded) otherwise. */
static bool load(const struct report *rp, struct hb_csv_table *t)
{
	char path[PATH_MAX + 32], why[256];

	/* hookbench hyperfine refuses a run not counted in ns: no such run has hyperfine.csv. */
	if (strcmp(hb_results_unit(rp->r), "ns"))
		return false;
	snprintf(path, sizeof(path), "%s/hyperfine.csv", rp->r->dir);
	return hb_csv_load(path, t, why, sizeof(why)) == 0;
}

/* Count a row that ran and is no agreement. */
static void tally(struct report_crosscheck *counts, const struct xc_row *x)
{
	counts->judged++;
	counts->disagree += x->judged.verdict == HB_AGREEMENT_NO;
	counts->inconclusive += x->judged.verdict == HB_AGREEMENT_INCONCLUSIVE ||
				x->judged.verdict == HB_AGREEMENT_NONE;
}

struct report_crosscheck report_crosscheck_outcome(const struct report *rp, char *cause, size_t len)
{
	struct report_crosscheck counts = { 0, 0, 0 };
	struct hb_csv_table t;
	size_t used = 0;

	cause[0] = 0;
	if (!load(rp, &t))
		return counts;
	for (size_t i = 0; i < t.nrows; i++) {
		struct xc_row x = read_row(&t, i);
		char one[512];

		if (!x.ran)
			continue;
		tally(&counts, &x);
		if (x.judged.verdict == HB_AGREEMENT_YES)
			continue;
		hb_crosscheck_cause(&x.judged, &x.facts, one, sizeof(one));
		if (used < len)
			used += (size_t)snprintf(cause + used, len - used, "%s%s: %s", used ? "; " : "",
						 hb_table_str(&t, i, "loader"), one);
	}
	hb_csv_free(&t);
	return counts;
}

static void agree_cell(FILE *f, const struct hb_crosscheck *c)
{
	if (c->verdict == HB_AGREEMENT_INCONCLUSIVE)
		fprintf(f, "inconclusive (interval ±%.1f ns, %.1f%% of the estimate)", c->half_width,
			100 * c->share);
	else if (c->verdict == HB_AGREEMENT_NONE)
		fputs("no interval", f);
	else
		fputs(hb_agreement_word(c->verdict), f);
}

static void cross_check_row(FILE *f, const struct hb_csv_table *t, size_t i, const struct xc_row *x)
{
	fprintf(f, "| %s | %s | ", hb_table_str(t, i, "loader"), hb_table_str(t, i, "hook"));
	if (!x->ran) {
		fputs("not run here | | | |\n", f);
		return;
	}
	if (isnan(hb_table_num(t, i, "ci95_low_ns")))
		fprintf(f, "%s | ", hb_table_str(t, i, "ns_per_op"));
	else
		fprintf(f, "%s [%s, %s] | ", hb_table_str(t, i, "ns_per_op"),
			hb_table_str(t, i, "ci95_low_ns"), hb_table_str(t, i, "ci95_high_ns"));
	fprintf(f, "%zu of %zu | ", x->facts.kept, x->facts.rounds);
	if (isnan(x->facts.paired))
		fputs("none | ", f);
	else
		fprintf(f, "%s [%.1f, %.1f]%s | ", hb_table_str(t, i, "paired_ns"), x->paired_low,
			x->paired_high, x->between ? "" : " (this run)");
	agree_cell(f, &x->judged);
	fputs(" |\n", f);
}

/* Under the table: what each loader's rounds measured or, when it is no agreement, why. */
static void row_notes(FILE *f, const struct hb_csv_table *t, size_t i, const struct xc_row *x)
{
	const struct hb_crosscheck_facts *k = &x->facts;
	char cause[512];

	if (!x->ran)
		return;
	hb_crosscheck_cause(&x->judged, k, cause, sizeof(cause));
	if (cause[0]) {
		fprintf(f, "- `%s`, not confirmed: %s.\n", hb_table_str(t, i, "loader"), cause);
		return;
	}
	fprintf(f, "- `%s`: %zu of %zu rounds kept", hb_table_str(t, i, "loader"), k->kept, k->rounds);
	if (k->slower)
		fprintf(f, " (%zu left out: the bare command ran slower)", k->slower);
	if (isfinite(k->bare_ns) && isfinite(k->state_ns))
		fprintf(f, "; the bare command ran at %.0f ns per call, the paired baseline at %.0f",
			k->bare_ns, k->state_ns);
	if (isfinite(k->outside_s) && k->loader_s > 0)
		fprintf(f, "; the loader's own load, attach and detach, %.0f%% of its command's time, "
			"taken out", 100 * k->outside_s / k->loader_s);
	fputs(".\n", f);
}

struct report_crosscheck report_cross_check(const struct report *rp)
{
	struct report_crosscheck counts = { 0, 0, 0 };
	struct hb_csv_table t;

	if (!load(rp, &t))
		return counts;
	fprintf(rp->f, "\n## Whole-command cross-check (hyperfine)\n\n"
		"`unlink-storm` timed by hyperfine as a whole command, bare and under each loader, in "
		"rounds that reverse the order every other round, by CPU time (user plus system) as "
		"the paired figures are, or by the wall clock when the run counted that (`--clock "
		"wall`). Each loader times its own loading, "
		"attaching and detaching, and that is taken out of its command's time; `true`, bare and "
		"under the loader, takes out starting a process. A round counts only when its bare "
		"command ran in the speed state of the paired figures (the nearest of the run's "
		"states.csv levels); the estimate is the median of those rounds, with a 95%% interval "
		"from their spread. The two agree when that interval overlaps the interval where "
		"another paired run should land (this run's own when it has no between-run interval) "
		"and neither is wider than ±%.0f%% of the paired estimate; wider is inconclusive, as a "
		"wide interval overlaps almost anything; narrow and apart, they disagree.\n\n"
		"| loader | hook | whole-command ns/op [95%% CI] | rounds kept | paired ns/event [another run] | agree |\n"
		"| --- | --- | --- | --- | --- | --- |\n", 100 * HB_CROSSCHECK_MAX_HALF_WIDTH);
	for (size_t i = 0; i < t.nrows; i++) {
		struct xc_row x = read_row(&t, i);

		cross_check_row(rp->f, &t, i, &x);
		if (x.ran)
			tally(&counts, &x);
	}
	fputc('\n', rp->f);
	for (size_t i = 0; i < t.nrows; i++) {
		struct xc_row x = read_row(&t, i);

		row_notes(rp->f, &t, i, &x);
	}
	hb_csv_free(&t);
	return counts;
}
