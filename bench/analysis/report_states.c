// SPDX-License-Identifier: GPL-2.0-only
/* The speed-states caveat: the baseline ran at more than one level during the run. */
#include <math.h>

#include "report_parts.h"
#include "run_states.h"
#include "states.h"

/* The cell whose states the caveat shows: the reference hook's in the lead group. */
static size_t shown_cell(const struct report *rp)
{
	struct report_group g;
	long ref;

	report_collect_group(rp, report_lead_row(rp), &g);
	ref = report_reference_row(rp, &g);
	return ref >= 0 ? (size_t)ref : report_lead_row(rp);
}

/* "state 2, 1712.8 ns/op (or guest instructions/op) [1701.5, 1725.0], 15.7% slower than state 1, 38% of the run" */
static void level(const struct report *rp, size_t i, double fastest)
{
	const struct hb_results *r = rp->r;
	double base = hb_state_num(r, i, "baseline_ns_per_op");

	fprintf(rp->f, "state %.0f at %.1f %s/op [%.1f, %.1f]", hb_state_num(r, i, "state"), base,
		hb_results_unit(r), hb_state_num(r, i, "baseline_low_ns_per_op"), hb_state_num(r, i, "baseline_high_ns_per_op"));
	if (base != fastest)
		fprintf(rp->f, ", %.1f%% slower than state 1", 100 * (base - fastest) / fastest);
	fprintf(rp->f, ", %.0f%% of the run", 100 * hb_state_num(r, i, "share_of_run"));
}

static void added(const struct report *rp, size_t i)
{
	const struct hb_results *r = rp->r;
	double est = hb_state_num(r, i, "overhead_ns_per_event");

	if (isnan(est))
		fputs("no estimate (no visits)", rp->f);
	else if (isnan(hb_state_num(r, i, "ci95_low_ns")))
		fprintf(rp->f, "%.1f %s (%.0f visits, too few for an interval)", est, hb_results_unit(r),
			hb_state_num(r, i, "visits"));
	else
		fprintf(rp->f, "%.1f %s [%.1f, %.1f]", est, hb_results_unit(r), hb_state_num(r, i, "ci95_low_ns"),
			hb_state_num(r, i, "ci95_high_ns"));
	fprintf(rp->f, " in state %.0f", hb_state_num(r, i, "state"));
}

/* Which state the summary's figures come from; none marked headline: they pool the states. */
static void headline_note(const struct report *rp, const size_t *rows, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (hb_state_num(rp->r, rows[k], "headline") != 1)
			continue;
		fprintf(rp->f, ". Every figure above and in summary.csv is state %.0f's alone (%.0f%% "
			"of the run): the fastest state that held at least %.0f%% of it, so that a run "
			"which spent longer in a slow state reports the same machine; the ratio to the "
			"reference hook changes with the state too, so compare runs by the figures of "
			"the same state.\n", hb_state_num(rp->r, rows[k], "state"),
			100 * hb_state_num(rp->r, rows[k], "share_of_run"), 100 * HB_HEADLINE_MIN_SHARE);
		return;
	}
	fputs(". The verdict's figures pool the states.\n", rp->f);
}

bool report_states_caveat(const struct report *rp)
{
	size_t nstates = hb_run_speed_states(rp->r), cell, rows[HB_RUN_MAX_STATES], n;
	const struct hb_results *r = rp->r;
	FILE *f = rp->f;
	char key[256];

	if (nstates < 2)
		return false;
	fprintf(f, "- **Speed states**: the baseline ran at %zu distinct levels during this run", nstates);
	cell = shown_cell(rp);
	n = hb_states_of(r, cell, rows, HB_RUN_MAX_STATES);
	if (!n) {
		fputs(" (no states.csv rows to say how far apart).\n", f);
		return true;
	}
	hb_results_key(r, cell, key, sizeof(key));
	fprintf(f, ". Baseline levels in the blocks of %s: ", key);
	for (size_t k = 0; k < n; k++) {
		fputs(k ? "; " : "", f);
		level(rp, rows[k], hb_state_num(r, rows[0], "baseline_ns_per_op"));
	}
	fprintf(f, ". `%s` adds ", hb_results_str(r, cell, "hook"));
	for (size_t k = 0; k < n; k++) {
		fputs(k == 0 ? "" : k + 1 < n ? ", " : " and ", f);
		added(rp, rows[k]);
	}
	headline_note(rp, rows, n);
	return true;
}
