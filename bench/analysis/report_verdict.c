// SPDX-License-Identifier: GPL-2.0-only
/* The verdict tables of report.md, one per payload x mode x threads. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "breakdown.h"
#include "report_parts.h"

static const char *col(const struct report *rp, size_t row, const char *name)
{
	return hb_results_str(rp->r, row, name);
}

static double num(const struct report *rp, size_t row, const char *name)
{
	return hb_results_num(rp->r, row, name);
}

static void missed_cell(const struct report *rp, size_t row)
{
	FILE *f = rp->f;

	if (*col(rp, row, "nmissed"))
		fprintf(f, "nmissed %s", col(rp, row, "nmissed"));
	else
		fputs("nmissed n/a", f);
	fprintf(f, ", recursion %s",
		*col(rp, row, "recursion_misses") ? col(rp, row, "recursion_misses") : "?");
	if (*col(rp, row, "ringbuf_drops"))
		fprintf(f, ", ring buffer drops %s", col(rp, row, "ringbuf_drops"));
}

/* `empty`'s in-program time is the floor (bpf_stats' clock); a payload's is shown beyond it. */
static void prog_cell(const struct report *rp, size_t row)
{
	double prog = num(rp, row, "prog_ns_per_run"), floor;
	double beyond = hb_breakdown_prog_beyond(rp->r, (long)row, &floor);

	if (isnan(prog))
		fputs("n/a | ", rp->f);
	else if (!strcmp(col(rp, row, "payload"), "empty"))
		fprintf(rp->f, "floor %.1f | ", prog);
	else if (!isnan(beyond))
		fprintf(rp->f, "%+.1f | ", beyond);
	else
		fprintf(rp->f, "%.1f (no floor) | ", prog);
}

/* The ratio cell: "reference", the ratio with where another run's lands, or why there is none. */
static void ratio_cell(const struct report *rp, size_t row, long ref)
{
	struct hb_estimate ratio = hb_results_ratio(rp->r, (long)row);
	FILE *f = rp->f;

	if ((long)row == ref) {
		fputs("reference | ", f);
	} else if (report_no_ratio(rp->r, row)) {
		fputs("n/a (the reference adds too little here to divide by) | ", f);
	} else if (ratio.ok && !isnan(ratio.low) && !isnan(ratio.high)) {
		fprintf(f, "%.2f× ", ratio.est);
		report_bounds(f, ratio.low, ratio.high, 2);
		fputs(" | ", f);
	} else if (ratio.ok) { /* fewer than 3 replicates: no interval */
		fprintf(f, "%.2f× | ", ratio.est);
	} else {
		fputs("n/a | ", f);
	}
}

/* The ratio, the figure with the reader, the added cost (marked), another run. */
static void ratio_cells(const struct report *rp, size_t row, long ref, bool reader)
{
	struct hb_estimate between = hb_results_between_runs(rp->r, (long)row);
	FILE *f = rp->f;

	ratio_cell(rp, row, ref);
	if (reader)
		fprintf(f, "%.1f | ", hb_results_headline(rp->r, row));
	fprintf(f, "%.1f ", num(rp, row, "overhead_ns_per_event"));
	report_bounds(f, num(rp, row, "ci95_low_ns"), num(rp, row, "ci95_high_ns"), 1);
	fprintf(f, "%s | ", report_marks(rp->r, row));
	if (between.ok) {
		report_bounds(f, between.low, between.high, 1);
		fputs(" | ", f);
	} else {
		fputs("n/a (fewer than 3 replicates) | ", f);
	}
}

/* True when a row of g leads with more than its added cost (a ring-buffer reader's CPU). */
static bool group_has_reader(const struct report *rp, const struct report_group *g)
{
	for (size_t k = 0; k < g->n; k++) {
		size_t row = g->row[k];

		if (fabs(hb_results_headline(rp->r, row) - num(rp, row, "overhead_ns_per_event")) >= 0.05)
			return true;
	}
	return false;
}

static void table_header(const struct report *rp, const struct report_group *g, bool reader)
{
	const char *unit = hb_results_unit_short(rp->r);
	FILE *f = rp->f;

	fprintf(f, "| hook | × vs %s [another run] | ", report_reference_hook(rp, g));
	if (reader)
		fprintf(f, "%s/event with the ring-buffer reader | ", unit);
	fprintf(f, "added %s/event [95%% CI, this run] | another run [95%%] | in-program %s beyond `empty` "
		"| missed / dropped | attach point stability | cost lands |\n"
		"| --- | --- | %s--- | --- | --- | --- | --- | --- |\n", unit, unit, reader ? "--- | " : "");
}

/* Every cell between the hook and the stability, measured or not. */
static void figure_cells(const struct report *rp, size_t row, long ref, bool reader)
{
	size_t empty = 4 + reader;
	FILE *f = rp->f;

	if (hb_results_ok(rp->r, row)) {
		ratio_cells(rp, row, ref, reader);
		prog_cell(rp, row);
		missed_cell(rp, row);
		fputs(" | ", f);
		return;
	}
	if (!strcmp(col(rp, row, "status"), "unsupported")) {
		fputs("not measured: unsupported here (see Caveats)", f);
	} else {
		fprintf(f, "%s: ", col(rp, row, "status"));
		report_cell(f, col(rp, row, "reason"));
	}
	fputs(" | ", f);
	for (size_t k = 0; k < empty; k++)
		fputs("| ", f);
}

static void verdict_table(const struct report *rp, size_t first)
{
	FILE *f = rp->f;
	struct report_group g;
	bool reader;
	long ref;

	report_collect_group(rp, first, &g);
	ref = report_reference_row(rp, &g);
	reader = group_has_reader(rp, &g);
	fprintf(f, "\n### Payload `%s`, mode `%s`, %s workload thread%s\n\n", col(rp, first, "payload"),
		col(rp, first, "mode"), col(rp, first, "threads"),
		strcmp(col(rp, first, "threads"), "1") ? "s" : "");
	table_header(rp, &g, reader);
	for (size_t k = 0; k < g.n; k++) {
		size_t row = g.row[k];

		if (!strcmp(col(rp, row, "status"), "unsupported"))
			continue; /* named once, under the decision table */
		fprintf(f, "| %s | ", col(rp, row, "hook"));
		figure_cells(rp, row, ref, reader);
		report_cell(f, col(rp, row, "stability"));
		if (*col(rp, row, "attach_point"))
			fprintf(f, ": `%s`", col(rp, row, "attach_point"));
		if (*col(rp, row, "kprobe_flavour"))
			fprintf(f, " (%s)", col(rp, row, "kprobe_flavour"));
		fprintf(f, " | %s |\n", report_cost_lands(rp->r, row));
	}
}

/* How the figures were made, from how many replicates. */
static void method(const struct report *rp)
{
	const struct hb_results *r = rp->r;
	double replicates = 0;
	struct report_group g;

	report_collect_group(rp, report_lead_row(rp), &g);
	for (size_t i = 0; i < r->summary.nrows; i++)
		replicates = fmax(replicates, hb_results_num(r, i, "replicates"));
	fprintf(rp->f, "\n## Every payload and mode\n\nHooks are ranked by their cost relative to the reference hook `%s`: "
		"× is the hook's median added cost over the reference's in the same rounds (same payload, "
		"mode and threads), with the 95%% interval where another run's ratio should land. Added cost per "
		"event is the median of paired differences (hooked block minus the adjacent baseline "
		"block) with a distribution-free 95%% interval within this run; \"another run\" is the "
		"95%% interval where a repeat run's estimate should land, from this run's %.0f "
		"replicate%s (at least 3 needed) and any earlier runs like it. Where a ring-buffer reader "
		"drains the events on another CPU, the figure with the reader adds its CPU time per event. "
		"In-program time is bpf_stats' run time per run, measured in separate blocks: the `empty` "
		"program's (the floor) is mostly bpf_stats' own clock reads, so other payloads show what "
		"they spend beyond it.\n",
		report_reference_hook(rp, &g), replicates, replicates == 1 ? "" : "s");
}

void report_verdicts(const struct report *rp)
{
	const struct hb_csv_table *t = &rp->r->summary;

	report_noise_floor(rp);
	method(rp);
	for (size_t i = 0; i < t->nrows; i++)
		if (!hb_results_is_control(rp->r, i) && hb_table_first_of(t, i, report_group_columns))
			verdict_table(rp, i);
	report_interval_note(rp);
}
