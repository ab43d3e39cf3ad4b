// SPDX-License-Identifier: GPL-2.0-only
/* Statistics on fixed data with known answers. */
#include <math.h>
#include <stdlib.h>

#include "stats.h"
#include "tap.h"

static void test_median(void)
{
	double odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 }, one[] = { 7 };

	TAP_NEAR(hb_median(odd, 3), 3.0, 0, "median of 3 unsorted values");
	TAP_NEAR(hb_median(even, 4), 2.5, 0, "median of 4 values is the mean of the middle two");
	TAP_NEAR(hb_median(one, 1), 7.0, 0, "median of one value");
	TAP_OK(isnan(hb_median(NULL, 0)), "median of nothing is NaN");
}

static void test_variance(void)
{
	double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };

	TAP_NEAR(hb_variance(v, 8), 32.0 / 7.0, 1e-12, "variance of 2 4 4 4 5 5 7 9: 32/7 (n - 1)");
	TAP_OK(isnan(hb_variance(v, 1)), "one value: no variance");
}

static void test_binomial(void)
{
	/* Exact values: P(X <= k) = sum C(n,i) / 2^n. */
	TAP_NEAR(hb_binom_half_cdf(10, 1), 11.0 / 1024.0, 1e-12, "P(Bin(10,.5) <= 1) = 11/1024");
	TAP_NEAR(hb_binom_half_cdf(6, 0), 1.0 / 64.0, 1e-12, "P(Bin(6,.5) <= 0) = 1/64");
	TAP_NEAR(hb_binom_half_cdf(20, 5), 21700.0 / 1048576.0, 1e-12,
		 "P(Bin(20,.5) <= 5) = 21700/2^20");
	TAP_NEAR(hb_binom_half_cdf(7, 7), 1.0, 0, "P(X <= n) = 1");
}

static void test_ci_ranks(void)
{
	/* Published order-statistic ranks of the 95% median CI. */
	static const struct { size_t n, rank; double level; } table[] = {
		{ 6, 1, 1.0 - 2.0 / 64.0 },
		{ 10, 2, 1.0 - 2.0 * 11.0 / 1024.0 },
		{ 20, 6, 1.0 - 2.0 * 21700.0 / 1048576.0 },
		{ 100, 40, 0 },
	};
	for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++) {
		size_t n = table[t].n;
		double *v = malloc(n * sizeof(double));
		struct hb_ci ci;

		for (size_t i = 0; i < n; i++)
			v[i] = (double)(n - i); /* n..1, so x(k) = k */
		hb_median_ci(v, n, 0.95, &ci);
		TAP_OK(ci.valid && ci.rank == table[t].rank, "n=%zu: 95%% CI starts at rank %zu (got %zu)",
		       n, table[t].rank, ci.rank);
		TAP_NEAR(ci.low, (double)table[t].rank, 0, "n=%zu: low bound is x(%zu)", n, table[t].rank);
		TAP_NEAR(ci.high, (double)(n + 1 - table[t].rank), 0, "n=%zu: high bound is x(%zu)", n,
			 n + 1 - table[t].rank);
		if (table[t].level > 0)
			TAP_NEAR(ci.level, table[t].level, 1e-12, "n=%zu: exact coverage %.4f", n,
				 table[t].level);
		TAP_OK(ci.level >= 0.95, "n=%zu: coverage at least 95%%", n);
		free(v);
	}
}

static void test_ci_small_n(void)
{
	double v[5] = { 1, 2, 3, 4, 5 };
	struct hb_ci ci;

	hb_median_ci(v, 5, 0.95, &ci);
	TAP_OK(!ci.valid, "5 values cannot give a 95%% distribution-free interval");
	TAP_OK(hb_median_ci_min_n(0.95) == 6, "6 is the smallest n for 95%%");
}

int main(void)
{
	test_median();
	test_variance();
	test_binomial();
	test_ci_ranks();
	test_ci_small_n();
	return tap_done();
}
