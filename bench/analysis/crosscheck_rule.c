// SPDX-License-Identifier: GPL-2.0-only
#include "crosscheck_rule.h"

#include <math.h>
#include <stdio.h>

#include "stats.h"

struct hb_crosscheck hb_crosscheck_judge(double low, double high, double paired, double paired_low,
					 double paired_high)
{
	struct hb_crosscheck c = { .verdict = HB_AGREEMENT_NONE, .half_width = NAN, .share = NAN,
				   .paired_share = NAN, .gap = NAN };

	if (isnan(low) || isnan(high) || isnan(paired) || isnan(paired_low) || isnan(paired_high) ||
	    high < low || paired_high < paired_low)
		return c;
	c.half_width = (high - low) / 2;
	c.share = paired != 0 ? c.half_width / fabs(paired) : INFINITY;
	c.paired_share = paired != 0 ? (paired_high - paired_low) / 2 / fabs(paired) : INFINITY;
	c.gap = low > paired_high ? low - paired_high : high < paired_low ? high - paired_low : 0;
	/* Either interval that wide overlaps almost anything: no test. */
	if (c.share > HB_CROSSCHECK_MAX_HALF_WIDTH || c.paired_share > HB_CROSSCHECK_MAX_HALF_WIDTH)
		c.verdict = HB_AGREEMENT_INCONCLUSIVE;
	else
		c.verdict = c.gap == 0 ? HB_AGREEMENT_YES : HB_AGREEMENT_NO;
	return c;
}

const char *hb_agreement_word(enum hb_agreement a)
{
	switch (a) {
	case HB_AGREEMENT_YES: return "yes";
	case HB_AGREEMENT_NO: return "no";
	case HB_AGREEMENT_INCONCLUSIVE: return "inconclusive";
	default: return "";
	}
}

/* " (S slower, F faster)": how the rounds left out ran, each part when there are some; else "". */
static void left_out_note(const struct hb_crosscheck_facts *f, char *buf, size_t len)
{
	size_t faster = f->rounds > f->kept + f->slower ? f->rounds - f->kept - f->slower : 0;

	if (f->slower && faster)
		snprintf(buf, len, " (%zu slower, %zu faster)", f->slower, faster);
	else if (f->slower || faster)
		snprintf(buf, len, " (%zu %s)", f->slower ? f->slower : faster, f->slower ? "slower" : "faster");
	else
		buf[0] = 0;
}

/* A disagreement none of the measured causes explains: where the two lie, and what was ruled out. */
static void no_cause(const struct hb_crosscheck *c, const struct hb_crosscheck_facts *f, char *buf,
		     size_t len)
{
	char bare[160] = "", outside[160] = "";

	if (isfinite(f->bare_ns) && isfinite(f->state_ns))
		snprintf(bare, sizeof(bare), ", with the bare command at %.0f ns per call (paired baseline "
			 "%.0f) in %zu of %zu rounds", f->bare_ns, f->state_ns, f->kept, f->rounds);
	if (isfinite(f->outside_s) && f->loader_s > 0)
		snprintf(outside, sizeof(outside), "%s the loader's own %.0f%% of the hooked command taken "
			 "out", bare[0] ? " and" : ", with", 100 * f->outside_s / f->loader_s);
	snprintf(buf, len, "the whole-command interval lies %.1f ns %s the paired one%s%s: no cause in "
		 "these figures", fabs(c->gap), c->gap > 0 ? "above" : "below", bare, outside);
}

void hb_crosscheck_cause(const struct hb_crosscheck *c, const struct hb_crosscheck_facts *f,
			 char *buf, size_t len)
{
	char more[64];

	left_out_note(f, more, sizeof(more));
	if (c->verdict == HB_AGREEMENT_YES) {
		buf[0] = 0;
	} else if (isnan(f->paired)) {
		snprintf(buf, len, "summary.csv has no paired figure for %s", f->hook);
	} else if (f->kept < hb_median_ci_min_n(0.95)) {
		snprintf(buf, len, "the bare command ran in the paired figures' speed state in only %zu of "
			 "%zu rounds%s, too few for an interval (%zu needed)", f->kept, f->rounds, more,
			 hb_median_ci_min_n(0.95));
	} else if (c->verdict == HB_AGREEMENT_INCONCLUSIVE && c->share > HB_CROSSCHECK_MAX_HALF_WIDTH) {
		snprintf(buf, len, "the whole-command interval is ±%.1f ns, %.1f%% of the paired estimate, "
			 "too wide to have disagreed (%zu of %zu rounds kept)", c->half_width, 100 * c->share,
			 f->kept, f->rounds);
	} else if (c->verdict == HB_AGREEMENT_INCONCLUSIVE) {
		snprintf(buf, len, "where another paired run lands is ±%.1f%% of the paired estimate, too "
			 "wide for any whole-command figure to disagree with", 100 * c->paired_share);
	} else if (c->verdict == HB_AGREEMENT_NONE) {
		snprintf(buf, len, "no whole-command interval");
	} else {
		no_cause(c, f, buf, len);
	}
}
