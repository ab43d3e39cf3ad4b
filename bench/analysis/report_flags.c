// SPDX-License-Identifier: GPL-2.0-only
/*
 * What summary.csv's flags column says about a figure, as report.md shows
 * it: marks beside biased or negative figures, intervals printed so that
 * none reads as zero width, the caveats that explain them, and what the
 * between-run intervals contain (earlier_runs).
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "json_read.h"
#include "report_parts.h"

long report_control_of(const struct hb_results *r, size_t row)
{
	for (size_t i = 0; i < r->summary.nrows; i++)
		if (hb_results_is_control(r, i) &&
		    !strcmp(hb_results_str(r, i, "mode"), hb_results_str(r, row, "mode")) &&
		    !strcmp(hb_results_str(r, i, "threads"), hb_results_str(r, row, "threads")))
			return (long)i;
	return -1;
}

bool report_row_failed(const struct hb_results *r, size_t row)
{
	static const char *const failed[] = { "mismatch", "error", "interrupted", "contaminated" };
	const char *status = hb_results_str(r, row, "status");

	for (size_t i = 0; i < sizeof(failed) / sizeof(failed[0]); i++)
		if (!strcmp(status, failed[i]))
			return true;
	return false;
}

bool report_biased(const struct hb_results *r, size_t row)
{
	return hb_results_flag(r, row, "control_biased");
}

static bool below_zero(const struct hb_results *r, size_t row)
{
	return hb_results_flag(r, row, "below_zero");
}

const char *report_marks(const struct hb_results *r, size_t row)
{
	bool biased = report_biased(r, row), negative = below_zero(r, row);

	return biased && negative ? REPORT_MARK_BIASED REPORT_MARK_BELOW_ZERO :
	       biased		  ? REPORT_MARK_BIASED :
	       negative		  ? REPORT_MARK_BELOW_ZERO :
				    "";
}

/* The reference row a ratio of row divides by, or -1. */
static long reference_of(const struct hb_results *r, size_t row)
{
	const struct hb_match m[] = { { "hook", hb_results_str(r, row, "reference_hook") },
				      { "payload", hb_results_str(r, row, "payload") },
				      { "mode", hb_results_str(r, row, "mode") },
				      { "threads", hb_results_str(r, row, "threads") }, { NULL, NULL } };

	return *m[0].value ? hb_results_find(r, m) : -1;
}

/*
 * A ratio means something only over a reference clearly above 0: the engine
 * flags one whose CI reaches 0; where the reference's between-run interval,
 * or the ratio's own, reaches 0, the ratio could be anything in another run.
 */
bool report_no_ratio(const struct hb_results *r, size_t row)
{
	struct hb_estimate ratio = hb_results_ratio(r, (long)row);
	long ref = reference_of(r, row);
	struct hb_estimate between = ref >= 0 ? hb_results_between_runs(r, ref) : (struct hb_estimate){ 0 };

	if (hb_results_flag(r, row, "reference_not_above_zero"))
		return true;
	if (ref == (long)row)
		return false;
	return (ratio.ok && !isnan(ratio.low) && ratio.low <= 0) || (between.ok && between.low <= 0);
}

void report_figure(FILE *f, struct hb_estimate e)
{
	fprintf(f, "%.1f", e.est);
	if (!isnan(e.low) && !isnan(e.high)) {
		fputc(' ', f);
		report_bounds(f, e.low, e.high, 1);
	}
}

void report_bounds(FILE *f, double low, double high, int decimals)
{
	char a[64], b[64];

	/* An interval widened to the instrument's resolution can be narrower than the
	 * decimals shown: show more rather than print [x, x]. */
	for (;; decimals++) {
		snprintf(a, sizeof(a), "%.*f", decimals, low);
		snprintf(b, sizeof(b), "%.*f", decimals, high);
		if (strcmp(a, b) || low == high || decimals >= 6)
			break;
	}
	fprintf(f, "[%s, %s]", a, b);
}

/* The smallest and largest number of earlier runs any between-run interval of r used. */
static bool earlier_runs_range(const struct hb_results *r, double *lo, double *hi)
{
	static const char *const pairs[][2] = { { "between_run_low_ns", "earlier_runs" },
						{ "ratio_between_run_low", "ratio_earlier_runs" } };
	bool any = false;

	*lo = INFINITY;
	*hi = 0;
	for (size_t i = 0; i < r->summary.nrows; i++)
		for (size_t p = 0; p < 2; p++) {
			double n = hb_results_num(r, i, pairs[p][1]);

			if (!hb_results_ok(r, i) || isnan(hb_results_num(r, i, pairs[p][0])) || isnan(n))
				continue;
			*lo = fmin(*lo, n);
			*hi = fmax(*hi, n);
			any = true;
		}
	return any;
}

void report_interval_note(const struct report *rp)
{
	double lo, hi;
	FILE *f = rp->f;

	if (!earlier_runs_range(rp->r, &lo, &hi))
		return;
	if (hi == 0 && json_object_get_boolean(hb_jget(rp->r->meta, "icount"))) {
		fputs("\nThe \"another run\" intervals come from this run's replicates alone: under "
		      "QEMU -icount the figures count guest instructions, and no machine level drifts "
		      "from one run to the next.\n", f);
		return;
	}
	if (hi == 0) {
		fputs("\nThe \"another run\" intervals come from this run's replicates alone: no earlier "
		      "runs like this one were found, so run-to-run drift (a shift that holds for a whole "
		      "run) is not in them. Keep earlier runs in the same results directory, or pass "
		      "`--history DIR`, and later runs' intervals include it.\n", f);
		return;
	}
	fputs("\nThe \"another run\" intervals include the run-to-run spread of ", f);
	if (lo == hi)
		fprintf(f, "%.0f earlier run%s like this one.\n", hi, hi == 1 ? "" : "s");
	else if (lo > 0)
		fprintf(f, "%.0f to %.0f earlier runs like this one (rows differ).\n", lo, hi);
	else
		fprintf(f, "up to %.0f earlier runs like this one; rows with none have this run's "
			"replicates alone, without run-to-run drift (earlier_runs in summary.csv).\n", hi);
}

bool report_history_caveat(const struct report *rp)
{
	double lo, hi;

	if (!earlier_runs_range(rp->r, &lo, &hi) || hi == 0)
		return false;
	fprintf(rp->f, "- **Run-to-run spread from earlier runs** of this kind (same kernel build, CPU "
		"model, ops per block, blocks, clock) in %s: another run's estimate is taken to land at this "
		"one ± t·sqrt(2·(run-level variance + within-run variance)), the run-level part from "
		"those runs and the within-run part from this run's replicates, for added costs and "
		"ratios alike.\n", hb_jstr(rp->r->meta, "history.dir", "the results directory"));
	return true;
}

/* "a, b and c" of the rows of r that pass keep, after a caveat's lead; false when none. */
static bool list_rows(FILE *f, const struct hb_results *r, bool (*keep)(const struct hb_results *, size_t))
{
	size_t n = 0, total = 0;
	char key[256];

	for (size_t i = 0; i < r->summary.nrows; i++)
		total += keep(r, i);
	for (size_t i = 0; i < r->summary.nrows; i++) {
		if (!keep(r, i))
			continue;
		hb_results_key(r, i, key, sizeof(key));
		fprintf(f, "%s%s", n == 0 ? "" : n + 1 == total ? " and " : ", ", key);
		n++;
	}
	return n > 0;
}

static bool at_resolution(const struct hb_results *r, size_t row)
{
	return hb_results_flag(r, row, "at_resolution") ||
	       hb_results_flag(r, row, "ratio_at_resolution");
}

static bool any_row(const struct hb_results *r, bool (*keep)(const struct hb_results *, size_t))
{
	for (size_t i = 0; i < r->summary.nrows; i++)
		if (keep(r, i))
			return true;
	return false;
}

bool report_flag_caveats(const struct report *rp)
{
	const struct hb_results *r = rp->r;
	bool icount = json_object_get_boolean(hb_jget(r->meta, "icount"));
	FILE *f = rp->f;
	bool any = false;

	if (any_row(r, at_resolution)) {
		fputs("- **At the instrument's resolution**: ", f);
		list_rows(f, r, at_resolution);
		fprintf(f, ": a between-run interval came out narrower than the instrument resolves "
			"and is shown widened to it, %s over a block.\n",
			icount ? "one guest instruction (under -icount the count is exact)" :
				 "one clock tick");
		any = true;
	}
	if (any_row(r, below_zero)) {
		fputs("- **Below zero** (" REPORT_MARK_BELOW_ZERO " in the tables): ", f);
		list_rows(f, r, below_zero);
		fputs(": the added cost's 95% CI lies below 0, an apparently negative cost; read it "
		      "as a bias of the pairing or noise, and the hook's own cost as too small to see "
		      "here.\n", f);
		any = true;
	}
	return any;
}
