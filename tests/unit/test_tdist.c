// SPDX-License-Identifier: GPL-2.0-only
/* Student's t distribution against closed forms and table values. */
#include <math.h>

#include "tap.h"
#include "tdist.h"

static void test_cdf(void)
{
	TAP_NEAR(hb_t_cdf(0, 3), 0.5, 0, "cdf(0) = 1/2");
	TAP_NEAR(hb_t_cdf(1, 1), 0.75, 1e-12, "df=1 (Cauchy): cdf(1) = 3/4");
	TAP_NEAR(hb_t_cdf(-1, 1), 0.25, 1e-12, "df=1: cdf(-1) = 1/4");
	/* df=2: cdf(t) = 1/2 + t / (2 sqrt(2 + t²)) */
	TAP_NEAR(hb_t_cdf(1.5, 2), 0.5 + 1.5 / (2.0 * sqrt(4.25)), 1e-12, "df=2: closed form at 1.5");
	TAP_NEAR(hb_t_cdf(-3, 2), 0.5 - 3.0 / (2.0 * sqrt(11.0)), 1e-12, "df=2: closed form at -3");
	TAP_NEAR(hb_t_cdf(1.959964, 1e7), 0.975, 1e-6, "large df: the normal 97.5%% point");
	TAP_NEAR(hb_t_cdf(INFINITY, 5), 1.0, 0, "cdf(inf) = 1");
	TAP_OK(isnan(hb_t_cdf(1, 0)) && isnan(hb_t_cdf(NAN, 3)), "bad df or t gives NaN");
}

static void test_quantile(void)
{
	static const struct { double df, t; } table[] = {
		{ 1, 12.706 }, { 2, 4.303 }, { 4, 2.776 }, { 9, 2.262 }, { 29, 2.045 }, { 1e6, 1.960 },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		TAP_NEAR(hb_t_quantile(0.975, table[i].df), table[i].t, 0.0005,
			 "t(0.975; %g) = %.3f (got %.4f)", table[i].df, table[i].t,
			 hb_t_quantile(0.975, table[i].df));
	TAP_NEAR(hb_t_quantile(0.995, 5), 4.032, 0.0005, "t(0.995; 5) = 4.032");
	TAP_NEAR(hb_t_quantile(0.025, 4), -2.776, 0.0005, "lower quantiles by symmetry");
	TAP_NEAR(hb_t_quantile(0.5, 7), 0.0, 0, "the median is 0");
	TAP_NEAR(hb_t_cdf(hb_t_quantile(0.9, 3.5), 3.5), 0.9, 1e-10, "quantile inverts the cdf");
	TAP_OK(isnan(hb_t_quantile(0, 3)) && isnan(hb_t_quantile(1, 3)) &&
	       isnan(hb_t_quantile(0.9, -1)), "p outside (0, 1) or df <= 0 gives NaN");
}

int main(void)
{
	test_cdf();
	test_quantile();
	return tap_done();
}
