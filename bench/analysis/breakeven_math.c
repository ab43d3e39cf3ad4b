// SPDX-License-Identifier: GPL-2.0-only
/* The totals per 1000 syscalls and where two hooks' totals cross. */
#include <math.h>

#include "breakeven.h"

/* A figure without an interval leaves whatever is made of it without one (NAN), not exact. */
struct hb_estimate hb_breakeven_total(struct hb_estimate e, struct hb_estimate o, double s)
{
	struct hb_estimate t = { .ok = e.ok && o.ok };

	/* Linear in E and O with weights >= 0: the interval's ends give the total's. */
	t.est = 1000 * (s * e.est + (1 - s) * o.est);
	t.low = 1000 * (s * e.low + (1 - s) * o.low);
	t.high = 1000 * (s * e.high + (1 - s) * o.high);
	return t;
}

/* The range of a − b over their intervals. */
static void diff_range(struct hb_estimate a, struct hb_estimate b, double *lo, double *hi)
{
	*lo = a.low - b.high;
	*hi = a.high - b.low;
}

struct hb_crossing hb_breakeven_cross(struct hb_estimate ea, struct hb_estimate oa,
				      struct hb_estimate eb, struct hb_estimate ob)
{
	struct hb_crossing c = { .crosses = false, .share = NAN, .low = NAN, .high = NAN };
	double de = ea.est - eb.est, dO = oa.est - ob.est;
	double de_lo, de_hi, do_lo, do_hi, sign, x_lo, x_hi, y_lo, y_hi;
	bool known;

	diff_range(ea, eb, &de_lo, &de_hi);
	diff_range(oa, ob, &do_lo, &do_hi);
	known = !isnan(de_lo) && !isnan(de_hi) && !isnan(do_lo) && !isnan(do_hi);
	if (!(de < 0 && dO > 0) && !(de > 0 && dO < 0)) {
		c.always = de > 0 || dO > 0; /* b is cheaper (or the same) everywhere */
		c.firm = known && !((de_lo < 0 && do_hi > 0) || (de_hi > 0 && do_lo < 0));
		return c;
	}
	c.crosses = true;
	c.share = dO / (dO - de);
	c.below = dO > 0; /* a costs more on other syscalls: b is cheaper where unlinkat is rare */
	if (!known)
		return c; /* a figure without an interval: the crossing's interval is unknown */
	/*
	 * With x = ±D_O > 0 and y = ∓D_E > 0 (signs taken from D_O), s* = x / (x + y):
	 * rising in x, falling in y. An interval that reaches past 0 is cut at 0,
	 * where the crossing leaves (0, 1).
	 */
	sign = dO > 0 ? 1 : -1;
	x_lo = fmax(0, sign > 0 ? do_lo : -do_hi);
	x_hi = fmax(0, sign > 0 ? do_hi : -do_lo);
	y_lo = fmax(0, sign > 0 ? -de_hi : de_lo);
	y_hi = fmax(0, sign > 0 ? -de_lo : de_hi);
	c.low = x_lo / (x_lo + y_hi);
	c.high = x_hi / (x_hi + y_lo);
	return c;
}
