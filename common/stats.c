// SPDX-License-Identifier: GPL-2.0-only
#include "stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double hb_median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double hb_variance(const double *v, size_t n)
{
	double mean = 0.0, squares = 0.0;

	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++)
		mean += v[i] / (double)n;
	for (size_t i = 0; i < n; i++)
		squares += (v[i] - mean) * (v[i] - mean);
	return squares / (double)(n - 1);
}

/* P(X = i) for X ~ Binomial(n, 1/2), computed in logs so large n does not underflow early. */
static double binom_half_pmf(size_t n, size_t i)
{
	return exp(lgamma((double)n + 1.0) - lgamma((double)i + 1.0) -
		   lgamma((double)(n - i) + 1.0) + (double)n * log(0.5));
}

double hb_binom_half_cdf(size_t n, size_t k)
{
	double sum = 0.0;

	if (k >= n)
		return 1.0;
	for (size_t i = 0; i <= k; i++)
		sum += binom_half_pmf(n, i);
	return sum > 1.0 ? 1.0 : sum;
}

void hb_median_ci(double *v, size_t n, double conf, struct hb_ci *ci)
{
	double tail = (1.0 - conf) / 2.0;
	double below = 0.0; /* P(X <= k-1) */
	double next;        /* P(X <= k) */
	size_t k = 0;

	ci->valid = false;
	ci->low = ci->high = ci->level = NAN;
	ci->rank = 0;
	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), cmp_double);
	/* Grow k while the mass left outside [x(k+1), x(n-k)] stays within budget. */
	next = binom_half_pmf(n, 0);
	while (k + 1 <= n / 2 && next <= tail) {
		below = next;
		k++;
		next += binom_half_pmf(n, k);
	}
	if (k == 0)
		return;
	ci->valid = true;
	ci->rank = k;
	ci->low = v[k - 1];
	ci->high = v[n - k];
	ci->level = 1.0 - 2.0 * below;
}

size_t hb_median_ci_min_n(double conf)
{
	size_t n = 1;

	while (hb_binom_half_cdf(n, 0) > (1.0 - conf) / 2.0)
		n++;
	return n;
}
