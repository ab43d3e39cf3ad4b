// SPDX-License-Identifier: GPL-2.0-only
/* The opening sentence of report.md: the best hook of the lead group. */
#include <math.h>
#include <string.h>

#include "json_read.h"
#include "report_parts.h"

static const char *col(const struct report *rp, size_t row, const char *name)
{
	return hb_results_str(rp->r, row, name);
}

static double num(const struct report *rp, size_t row, const char *name)
{
	return hb_results_num(rp->r, row, name);
}

/* "[a, b] within this run and [c, d] where another run should land" for row's added cost. */
static void intervals(const struct report *rp, size_t row)
{
	struct hb_estimate within = hb_results_estimate(rp->r, (long)row);
	struct hb_estimate between = hb_results_between_runs(rp->r, (long)row);

	report_bounds(rp->f, within.low, within.high, 1);
	fputs(" within this run", rp->f);
	if (between.ok) {
		fputs(" and ", rp->f);
		report_bounds(rp->f, between.low, between.high, 1);
		fputs(" where another run should land", rp->f);
	} else {
		fprintf(rp->f, " (no between-run interval: %.0f replicate%s, 3 needed)",
			isnan(num(rp, row, "replicates")) ? 1 : num(rp, row, "replicates"),
			num(rp, row, "replicates") == 1 ? "" : "s");
	}
	if (report_biased(rp->r, row))
		fputs(" (" REPORT_MARK_BIASED ": its control excludes 0, see Caveats)", rp->f);
}

/* What row adds per call; with a ring-buffer reader, its CPU time counts too. */
static void cost(const struct report *rp, size_t row)
{
	double total = hb_results_headline(rp->r, row), added = num(rp, row, "overhead_ns_per_event");
	double reader_cpu = hb_jnum(rp->r->meta, "ringbuf_reader_cpu", NAN);
	FILE *f = rp->f;

	if (fabs(total - added) < 0.05) {
		fprintf(f, "adds %.1f %s to each `unlinkat()` call, ", added, hb_results_unit(rp->r));
		intervals(rp, row);
		return;
	}
	fprintf(f, "adds %.1f %s per `unlinkat()` call counting the ring-buffer reader's CPU time",
		total, hb_results_unit(rp->r));
	if (!isnan(reader_cpu))
		fprintf(f, " (the reader ran on CPU %.0f)", reader_cpu);
	fprintf(f, ": %.1f %s on the calling CPU, ", added, hb_results_unit(rp->r));
	intervals(rp, row);
	fprintf(f, ", plus %.1f %s in the reader", total - added, hb_results_unit(rp->r));
}

/* The best hook, by its ratio to the reference hook when it has one, then the reference. */
static void by_ratio(const struct report *rp, size_t first, const struct report_group *g, long ref)
{
	const char *ref_hook = report_reference_hook(rp, g);
	size_t best = g->row[0];
	struct hb_estimate ratio = hb_results_ratio(rp->r, (long)best);
	FILE *f = rp->f;

	fprintf(f, "With the `%s` payload, the cheapest hook measured is **%s**", col(rp, first, "payload"),
		col(rp, best, "hook"));
	if (ref >= 0 && (size_t)ref == best) {
		fputs(", the reference hook: it ", f);
	} else if (report_no_ratio(rp->r, best)) {
		fprintf(f, " (no ratio: the reference hook `%s` adds too little here to divide by): it ", ref_hook);
	} else if (ratio.ok && !isnan(ratio.low) && !isnan(ratio.high)) {
		fprintf(f, ", %.2f× ", ratio.est);
		report_bounds(f, ratio.low, ratio.high, 2);
		fprintf(f, " the cost of `%s`, the reference hook: it ", ref_hook);
	} else if (ratio.ok) { /* fewer than 3 replicates: no interval */
		fprintf(f, ", %.2f× the cost of `%s`, the reference hook: it ", ratio.est, ref_hook);
	} else {
		fprintf(f, " (no ratio to the reference hook `%s`): it ", ref_hook);
	}
	cost(rp, best);
	if (ref >= 0 && (size_t)ref != best) {
		fprintf(f, ". `%s` ", ref_hook);
		cost(rp, (size_t)ref);
	}
}

void report_headline(const struct report *rp)
{
	size_t first = report_lead_row(rp), best;
	struct report_group g;
	long ref;

	report_collect_group(rp, first, &g);
	ref = report_reference_row(rp, &g);
	if (!g.n || !hb_results_ok(rp->r, g.row[0])) {
		fputs("No hook was measured successfully in this run; see the caveats.\n", rp->f);
		return;
	}
	best = g.row[0];
	by_ratio(rp, first, &g, ref);
	fprintf(rp->f, " (baseline: %.0f %s per call, %s clock).\n", num(rp, best, "baseline_ns_per_op"),
		hb_results_unit(rp->r), *col(rp, best, "clock") ? col(rp, best, "clock") : "cpu");
}
