// SPDX-License-Identifier: GPL-2.0-only
#include "crosscheck_rule.h"

#include <math.h>

struct hb_crosscheck hb_crosscheck_judge(double low, double high, double paired)
{
	struct hb_crosscheck c = { .verdict = HB_AGREEMENT_NONE, .half_width = NAN, .share = NAN };

	if (isnan(low) || isnan(high) || isnan(paired) || high < low)
		return c;
	c.half_width = (high - low) / 2;
	c.share = paired != 0 ? c.half_width / fabs(paired) : INFINITY;
	if (c.share > HB_CROSSCHECK_MAX_HALF_WIDTH)
		c.verdict = HB_AGREEMENT_INCONCLUSIVE;
	else if (low <= paired && paired <= high)
		c.verdict = HB_AGREEMENT_YES;
	else
		c.verdict = HB_AGREEMENT_NO;
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
