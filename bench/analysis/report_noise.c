// SPDX-License-Identifier: GPL-2.0-only
/*
 * The control rows (hook `none`: the same pairing with nothing attached):
 * the smallest difference the run resolves, and whether the pairing itself
 * is biased.
 */
#include <math.h>
#include <string.h>

#include "report_parts.h"

static size_t count_controls(const struct report *rp)
{
	size_t n = 0;

	for (size_t i = 0; i < rp->r->summary.nrows; i++)
		n += hb_results_is_control(rp->r, i);
	return n;
}

/* ", enoent, 2 threads" when the run has several controls, to tell them apart. */
static void which(const struct report *rp, size_t row, size_t ncontrols)
{
	const char *threads = hb_results_str(rp->r, row, "threads");

	if (ncontrols > 1)
		fprintf(rp->f, ", %s, %s thread%s", hb_results_str(rp->r, row, "mode"), threads,
			strcmp(threads, "1") ? "s" : "");
}

/* "; from one run to the next, ~X <unit> ([low, high] ...)" when the run has replicates. */
static void between_runs(const struct report *rp, size_t row)
{
	struct hb_estimate b = hb_results_between_runs(rp->r, (long)row);

	if (!b.ok || isnan(b.low) || isnan(b.high))
		return;
	fprintf(rp->f, "; between two runs, differences smaller than ~%.1f %s are not (where "
		"another run of nothing-attached should land: ",
		fmax(fabs(b.low), fabs(b.high)), hb_results_unit(rp->r));
	report_bounds(rp->f, b.low, b.high, 1);
	fputc(')', rp->f);
}

void report_noise_floor(const struct report *rp)
{
	size_t ncontrols = count_controls(rp);
	FILE *f = rp->f;

	for (size_t i = 0; i < rp->r->summary.nrows; i++) {
		struct hb_estimate e = hb_results_estimate(rp->r, (long)i);

		if (!hb_results_is_control(rp->r, i))
			continue;
		fputs("\nNoise floor (nothing attached", f);
		which(rp, i, ncontrols);
		if (!e.ok || isnan(e.low) || isnan(e.high)) {
			fprintf(f, "): not measured (%s).\n", hb_results_str(rp->r, i, "status"));
			continue;
		}
		fprintf(f, "): %+.1f %s ", e.est, hb_results_unit(rp->r));
		report_bounds(f, e.low, e.high, 1);
		fprintf(f, " — differences smaller than ~%.1f %s are not resolved by this run",
			fmax(fabs(e.low), fabs(e.high)), hb_results_unit(rp->r));
		between_runs(rp, i);
		fputs(".\n", f);
	}
}

bool report_bias_caveat(const struct report *rp)
{
	size_t ncontrols = count_controls(rp);
	FILE *f = rp->f;
	bool any = false;

	for (size_t i = 0; i < rp->r->summary.nrows; i++) {
		struct hb_estimate e = hb_results_estimate(rp->r, (long)i);

		if (!hb_results_is_control(rp->r, i) || !e.ok || !report_biased(rp->r, i))
			continue;
		fputs("- **Pairing bias** (" REPORT_MARK_BIASED " in the tables): with nothing attached", f);
		which(rp, i, ncontrols);
		fprintf(f, ", the paired difference is %+.1f %s [%.1f, %.1f], not 0: the hooked slot of "
			"a pair differs from its baseline slot by that much on its own, so each added cost "
			"of the same mode and threads includes about %+.1f %s that is not the hook's.\n",
			e.est, hb_results_unit(rp->r), e.low, e.high, e.est, hb_results_unit(rp->r));
		any = true;
	}
	return any;
}
