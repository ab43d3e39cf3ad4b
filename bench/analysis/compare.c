// SPDX-License-Identifier: GPL-2.0-only
#include "compare.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#define EST_WIDTH 26 /* an estimate column, wider when its header needs it */

static bool comparable(const struct hb_estimate *e)
{
	return e->ok && !isnan(e->low) && !isnan(e->high);
}

static void fmt_est(const struct hb_estimate *e, const struct hb_results *r, long row, char *buf,
		    size_t len)
{
	if (row < 0)
		snprintf(buf, len, "-");
	else if (!comparable(e))
		snprintf(buf, len, "(%s)", hb_results_str(r, (size_t)row, "status"));
	else
		snprintf(buf, len, "%.1f [%.1f, %.1f]", e->est, e->low, e->high);
}

/* Print one row; returns true for a significant regression. */
static bool compare_row(FILE *f, const char *key, const struct hb_results *base, long brow,
			const struct hb_results *next, long nrow, double threshold, int width)
{
	struct hb_estimate b = hb_results_estimate(base, brow), n = hb_results_estimate(next, nrow);
	char bs[64], ns[64], delta[32] = "-";
	const char *verdict;
	bool regression = false;

	fmt_est(&b, base, brow, bs, sizeof(bs));
	fmt_est(&n, next, nrow, ns, sizeof(ns));
	if ((brow >= 0 && hb_results_is_control(base, (size_t)brow)) ||
	    (nrow >= 0 && hb_results_is_control(next, (size_t)nrow))) {
		/* Nothing attached: its shift is the runs' noise, listed to see, not judged. */
		verdict = "control (noise floor), not judged";
	} else if (brow < 0) {
		verdict = "only in NEW";
	} else if (nrow < 0) {
		verdict = "only in BASE";
	} else if (!comparable(&b) || !comparable(&n)) {
		verdict = "not comparable";
	} else {
		double change = n.est - b.est;
		double pct = b.est != 0 ? 100.0 * change / fabs(b.est) : INFINITY;
		bool apart = n.low > b.high || n.high < b.low;
		bool big = fabs(change) > threshold / 100.0 * fabs(b.est);

		snprintf(delta, sizeof(delta), "%+.1f (%+.1f%%)", change, pct);
		if (apart && big) {
			regression = change > 0;
			verdict = regression ? "REGRESSION" : "improvement";
		} else {
			verdict = apart ? "within threshold" : "no significant change";
		}
	}
	fprintf(f, "%-36s %-*s %-*s %-22s %s\n", key, width, bs, width, ns, delta, verdict);
	return regression;
}

int hb_compare(const struct hb_results *base, const struct hb_results *next, double threshold,
	       FILE *f)
{
	int regressions = 0, width;
	char key[256], base_head[64], next_head[64];

	snprintf(base_head, sizeof(base_head), "BASE %s/event [95%% CI]", hb_results_unit_short(base));
	snprintf(next_head, sizeof(next_head), "NEW %s/event [95%% CI]", hb_results_unit_short(next));
	width = (int)strlen(base_head) > EST_WIDTH ? (int)strlen(base_head) : EST_WIDTH;
	fprintf(f, "%-36s %-*s %-*s %-22s %s\n", "hook/payload/mode/threads", width, base_head, width,
		next_head, "change", "verdict");
	for (size_t i = 0; i < base->summary.nrows; i++) {
		hb_results_key(base, i, key, sizeof(key));
		regressions += compare_row(f, key, base, (long)i, next,
					   hb_results_find_same(next, base, i), threshold, width);
	}
	for (size_t i = 0; i < next->summary.nrows; i++) {
		hb_results_key(next, i, key, sizeof(key));
		if (hb_results_find_same(base, next, i) < 0)
			compare_row(f, key, base, -1, next, (long)i, threshold, width);
	}
	fprintf(f, "%d significant regression%s (threshold %.1f%%; figures in %s)\n", regressions,
		regressions == 1 ? "" : "s", threshold, hb_results_unit(base));
	return regressions;
}
