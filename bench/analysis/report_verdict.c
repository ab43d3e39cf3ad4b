// SPDX-License-Identifier: GPL-2.0-only
/* The opening sentence of report.md and its verdict tables. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "rank.h"
#include "report_parts.h"

#define MAX_ROWS 512

/* The rows of one payload x mode x threads, measured ones cheapest first. */
struct group {
	size_t row[MAX_ROWS];
	size_t n;
};

static const char *const group_columns[] = { "payload", "mode", "threads", NULL };

static const char *col(const struct report *rp, size_t row, const char *name)
{
	return hb_results_str(rp->r, row, name);
}

static double num(const struct report *rp, size_t row, const char *name)
{
	return hb_results_num(rp->r, row, name);
}

static void collect_group(const struct report *rp, size_t first, struct group *g)
{
	const struct hb_csv_table *t = &rp->r->summary;
	struct hb_ranked ranked[MAX_ROWS];

	g->n = 0;
	for (size_t i = 0; i < t->nrows && g->n < MAX_ROWS; i++) {
		if (!hb_table_same(t, first, i, group_columns))
			continue;
		ranked[g->n++] = (struct hb_ranked){
			.pos = i,
			.ok = hb_results_ok(rp->r, i),
			.est = num(rp, i, "overhead_ns_per_event"),
		};
	}
	hb_rank(ranked, g->n);
	for (size_t k = 0; k < g->n; k++)
		g->row[k] = ranked[k].pos;
}

/* The group's cheapest measured tracepoint row, the one costs are compared with; -1 if none. */
static long tracepoint_row(const struct report *rp, const struct group *g)
{
	static const struct hb_match tracepoint[] = { { "hook", "tracepoint" }, { "status", "ok" },
						     { NULL, NULL } };

	for (size_t k = 0; k < g->n; k++)
		if (hb_table_matches(&rp->r->summary, g->row[k], tracepoint))
			return (long)g->row[k];
	return -1;
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

static void measured_cells(const struct report *rp, size_t row, long tp)
{
	FILE *f = rp->f;
	double est = num(rp, row, "overhead_ns_per_event");

	fprintf(f, "%.1f [%.1f, %.1f] | ", est, num(rp, row, "ci95_low_ns"), num(rp, row, "ci95_high_ns"));
	if (tp >= 0 && num(rp, (size_t)tp, "overhead_ns_per_event") > 0)
		fprintf(f, "%.2f× | ", est / num(rp, (size_t)tp, "overhead_ns_per_event"));
	else
		fputs("n/a | ", f);
	if (isnan(num(rp, row, "prog_ns_per_run")))
		fputs("n/a | ", f);
	else
		fprintf(f, "%.1f | ", num(rp, row, "prog_ns_per_run"));
	missed_cell(rp, row);
	fputs(" | ", f);
}

static void verdict_table(const struct report *rp, size_t first)
{
	FILE *f = rp->f;
	struct group g;
	long tp;

	collect_group(rp, first, &g);
	tp = tracepoint_row(rp, &g);
	fprintf(f, "\n### Payload `%s`, mode `%s`, %s workload thread%s\n\n", col(rp, first, "payload"),
		col(rp, first, "mode"), col(rp, first, "threads"),
		strcmp(col(rp, first, "threads"), "1") ? "s" : "");
	fputs("| hook | added ns/event [95% CI] | × vs tracepoint | in-program ns | missed / dropped | attach point stability |\n"
	      "| --- | --- | --- | --- | --- | --- |\n", f);
	for (size_t k = 0; k < g.n; k++) {
		size_t row = g.row[k];

		fprintf(f, "| %s | ", col(rp, row, "hook"));
		if (!strcmp(col(rp, row, "status"), "unsupported")) {
			fputs("not measured: unsupported here (see Caveats) | | | | ", f);
		} else if (!hb_results_ok(rp->r, row)) {
			fprintf(f, "%s: ", col(rp, row, "status"));
			report_cell(f, col(rp, row, "reason"));
			fputs(" | | | | ", f);
		} else {
			measured_cells(rp, row, tp);
		}
		report_cell(f, col(rp, row, "stability"));
		if (*col(rp, row, "attach_point"))
			fprintf(f, ": `%s`", col(rp, row, "attach_point"));
		if (*col(rp, row, "kprobe_flavour"))
			fprintf(f, " (%s)", col(rp, row, "kprobe_flavour"));
		fputs(" |\n", f);
	}
}

/* The cheapest hook of the reference payload's first group, beside the tracepoint. */
static void headline(const struct report *rp)
{
	const struct hb_match ref[] = { { "payload", hb_results_ref_payload(rp->r) }, { NULL, NULL } };
	long found = hb_results_find(rp->r, ref);
	size_t first = found < 0 ? 0 : (size_t)found, best;
	FILE *f = rp->f;
	struct group g;
	long tp;

	collect_group(rp, first, &g);
	tp = tracepoint_row(rp, &g);
	if (!g.n || !hb_results_ok(rp->r, g.row[0])) {
		fputs("No hook was measured successfully in this run; see the caveats.\n", f);
		return;
	}
	best = g.row[0];
	fprintf(f, "With the `%s` payload, the cheapest hook measured is **%s**, adding %.1f ns "
		"[%.1f, %.1f] to each `unlinkat()` call",
		col(rp, first, "payload"), col(rp, best, "hook"), num(rp, best, "overhead_ns_per_event"),
		num(rp, best, "ci95_low_ns"), num(rp, best, "ci95_high_ns"));
	if (tp >= 0 && (size_t)tp != best)
		fprintf(f, "; the `sys_enter_unlinkat` tracepoint adds %.1f ns [%.1f, %.1f]",
			num(rp, (size_t)tp, "overhead_ns_per_event"), num(rp, (size_t)tp, "ci95_low_ns"),
			num(rp, (size_t)tp, "ci95_high_ns"));
	fprintf(f, " (baseline: %.0f ns per call, %s clock).\n", num(rp, best, "baseline_ns_per_op"),
		*col(rp, best, "clock") ? col(rp, best, "clock") : "cpu");
}

void report_verdicts(const struct report *rp)
{
	const struct hb_csv_table *t = &rp->r->summary;

	headline(rp);
	fputs("\n## Verdict\n\nAdded cost per event is the median of paired differences (hooked block "
	      "minus the adjacent baseline block) with a distribution-free 95% interval; × vs tracepoint "
	      "divides by the `tracepoint` row of the same table; in-program time is bpf_stats' run "
	      "time per run, measured in separate blocks.\n", rp->f);
	for (size_t i = 0; i < t->nrows; i++)
		if (hb_table_first_of(t, i, group_columns))
			verdict_table(rp, i);
}
