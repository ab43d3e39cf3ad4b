// SPDX-License-Identifier: GPL-2.0-only
/*
 * The decision's table: one row per measured hook, cheapest at the share
 * first; the hooks that could not run on one line; what the intervals are;
 * the break-even chart.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "coverage_read.h"
#include "report_parts.h"

static long row_of(const struct report *rp, const struct hb_breakeven *be, const char *hook, const char *mode)
{
	return hb_breakeven_row(rp->r, be, hook, mode);
}

/* The usable hooks, cheapest in total at the share first. */
static size_t table_rows(const struct hb_breakeven *be, double share, size_t *idx)
{
	size_t n = 0;

	for (size_t k = 0; k < be->n; k++)
		if (be->hook[k].status == HB_BE_MEASURED || be->hook[k].status == HB_BE_NO_OTHER)
			idx[n++] = k;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			const struct hb_be_hook *a = &be->hook[idx[j - 1]], *b = &be->hook[idx[j]];
			double ta = a->status == HB_BE_MEASURED ? hb_breakeven_total(a->unlinkat, a->other, share).est : INFINITY;
			double tb = b->status == HB_BE_MEASURED ? hb_breakeven_total(b->unlinkat, b->other, share).est : INFINITY;
			size_t t;

			if (tb >= ta && !(isinf(ta) && isinf(tb) && b->unlinkat.est < a->unlinkat.est))
				break;
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	return n;
}

/* The last two cells of hook's row: what it saw (coverage.csv) and whether it blocked (blocking.csv). */
static void sees_cells(const struct report *rp, const char *hook)
{
	const char *block = hb_coverage_can_block(rp->r, hook);
	char sees[160];

	hb_coverage_sees(rp->r, hook, sees, sizeof(sees));
	fprintf(rp->f, " | %s | %s |\n", *sees ? sees : "—",
		!strcmp(block, "yes") || !strcmp(block, "no") ? block : "—");
}

static void decision_table(const struct report *rp, const struct hb_breakeven *be, double share)
{
	const char *unit = hb_results_unit_short(rp->r);
	size_t idx[HB_BE_MAX_HOOKS], n = table_rows(be, share, idx);
	FILE *f = rp->f;

	fprintf(f, "| hook | added %s per `unlinkat()` [another run] | %% of the bare call | added %s per "
		"other syscall [another run] | who pays | attach point stability | sees | can block |\n"
		"| --- | --- | --- | --- | --- | --- | --- | --- |\n", unit, unit);
	for (size_t i = 0; i < n; i++) {
		const struct hb_be_hook *h = &be->hook[idx[i]];
		long row = row_of(rp, be, h->hook, "enoent");
		double bare = row >= 0 ? hb_results_num(rp->r, (size_t)row, "baseline_ns_per_op") : NAN;

		fprintf(f, "| %s | ", h->hook);
		report_figure(f, h->unlinkat);
		if (row >= 0)
			fputs(report_marks(rp->r, (size_t)row), f);
		if (bare > 0)
			fprintf(f, " | %.0f%% | ", 100 * h->unlinkat.est / bare);
		else
			fputs(" | | ", f);
		if (h->status == HB_BE_MEASURED) {
			report_figure(f, h->other);
			if (h->remote_worse)
				fputs(" (from another CPU)", f);
		} else {
			fputs("not measured", f);
		}
		fputs(" | ", f);
		if (row >= 0) {
			fputs(report_cost_lands(rp->r, (size_t)row), f);
			fputs(" | ", f);
			report_cell(f, hb_results_str(rp->r, (size_t)row, "stability"));
		} else {
			fputs(" | ", f);
		}
		sees_cells(rp, h->hook);
	}
}

/*
 * h's reason with its own program's name ("failed to load hb_fexit") as "its
 * program", so hooks refused alike share one reason on the line.
 */
static void general_reason(const struct hb_be_hook *h, char *buf, size_t len)
{
	char prog[96];
	const char *at;

	snprintf(prog, sizeof(prog), "hb_%s", h->hook);
	at = strstr(h->reason, prog);
	if (at && !(isalnum((unsigned char)at[strlen(prog)]) || at[strlen(prog)] == '_'))
		snprintf(buf, len, "%.*s%s%s", (int)(at - h->reason), h->reason, "its program",
			 at + strlen(prog));
	else
		snprintf(buf, len, "%s", h->reason);
}

/* The hooks that could not run, grouped by reason, on one line. */
void report_not_measured_line(const struct report *rp, const struct hb_breakeven *be)
{
	char why[HB_BE_MAX_HOOKS][1024];
	const char *name[HB_BE_MAX_HOOKS], *reason[HB_BE_MAX_HOOKS];
	size_t n = 0;

	for (size_t k = 0; k < be->n; k++) {
		const struct hb_be_hook *h = &be->hook[k];

		if (h->status == HB_BE_MEASURED || h->status == HB_BE_NO_OTHER)
			continue;
		general_reason(h, why[n], sizeof(why[n]));
		if (!why[n][0])
			snprintf(why[n], sizeof(why[n]), "%s", h->status == HB_BE_FAILED ?
				 "the run failed for it" : "unsupported on this kernel");
		name[n] = h->hook;
		reason[n] = why[n];
		n++;
	}
	report_by_reason(rp->f, "\nNot measured here: ", name, reason, n);
}

static void interval_line(const struct report *rp, const struct hb_breakeven *be)
{
	bool between = false;

	for (size_t k = 0; k < be->n; k++)
		between |= be->hook[k].between_runs;
	fprintf(rp->f, "\nIntervals are 95%%: %s. %s Every payload, mode and figure, and how they were "
		"measured: the appendix below.\n",
		between ? "where another run should land" : "within this run (no between-run interval)",
		rp->r->coverage.nrows || rp->r->blocking.nrows ?
		"Sees: which ways of removing a name fire the hook; can block: whether its `deny` program "
		"stopped one (both tried in this run, in the appendix)." :
		"What each hook sees and whether it can block was not tried in this run (—).");
}

static void chart(const struct report *rp)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/charts/breakeven.png", rp->r->dir);
	if (access(path, R_OK) == 0)
		fputs("\n![Added cost per syscall against unlinkat()'s share: the share decided at, and "
		      "where the decision flips](charts/breakeven.png)\n", rp->f);
}

void report_decision_table(const struct report *rp, const struct hb_breakeven *be, double share)
{
	decision_table(rp, be, share);
	report_not_measured_line(rp, be);
	interval_line(rp, be);
	chart(rp);
}
