// SPDX-License-Identifier: GPL-2.0-only
/* The figures of a summary row, each with the interval that goes with it. */
#include <math.h>
#include <string.h>

#include "results.h"

bool hb_results_is_control(const struct hb_results *r, size_t row)
{
	return !strcmp(hb_results_str(r, row, "hook"), "none");
}

static struct hb_estimate figure(const struct hb_results *r, long row, const char *est,
				 const char *low, const char *high)
{
	struct hb_estimate e = { .ok = false, .est = NAN, .low = NAN, .high = NAN };

	if (row < 0)
		return e;
	e.est = hb_results_num(r, (size_t)row, est);
	e.low = hb_results_num(r, (size_t)row, low);
	e.high = hb_results_num(r, (size_t)row, high);
	e.ok = hb_results_ok(r, (size_t)row) && !isnan(e.est);
	return e;
}

struct hb_estimate hb_results_estimate(const struct hb_results *r, long row)
{
	return figure(r, row, "overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns");
}

struct hb_estimate hb_results_between_runs(const struct hb_results *r, long row)
{
	struct hb_estimate e = figure(r, row, "overhead_ns_per_event", "between_run_low_ns",
				      "between_run_high_ns");

	e.ok = e.ok && !isnan(e.low) && !isnan(e.high);
	return e;
}

struct hb_estimate hb_results_ratio(const struct hb_results *r, long row)
{
	return figure(r, row, "ratio_vs_reference", "ratio_between_run_low", "ratio_between_run_high");
}

bool hb_results_flag(const struct hb_results *r, size_t row, const char *flag)
{
	const char *s = hb_results_str(r, row, "flags");
	size_t len = strlen(flag);

	for (; *s; s += strcspn(s, ";"), s += *s == ';') {
		if (!strncmp(s, flag, len) && (s[len] == ';' || !s[len]))
			return true;
	}
	return false;
}

double hb_results_headline(const struct hb_results *r, size_t row)
{
	double total = hb_results_num(r, row, "total_ns_per_event");

	return isnan(total) ? hb_results_num(r, row, "overhead_ns_per_event") : total;
}
