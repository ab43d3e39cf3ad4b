// SPDX-License-Identifier: GPL-2.0-only
#include "tdist.h"

#include <math.h>

#define CF_MAX_TERMS 100000
#define CF_TOLERANCE 1e-15
#define CF_TINY 1e-300

/*
 * Term n >= 1 of the continued fraction
 *   I_x(a, b) = x^a (1-x)^b / (a B(a, b)) * 1 / (1 + d1 / (1 + d2 / (1 + ...)))
 * d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), d(2m) = m(b-m)x / ((a+2m-1)(a+2m)).
 */
static double beta_cf_term(double a, double b, double x, unsigned long n)
{
	double m = (double)(n / 2);

	if (n % 2)
		return -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
	return m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
}

/* The continued fraction above, by the modified Lentz method; it converges fast for x < (a+1)/(a+b+2). */
static double beta_cf(double a, double b, double x)
{
	double f = CF_TINY, c = f, d = 0.0;

	for (unsigned long j = 1; j <= CF_MAX_TERMS; j++) {
		double aj = j == 1 ? 1.0 : beta_cf_term(a, b, x, j - 1);
		double delta;

		d = 1.0 + aj * d;
		if (fabs(d) < CF_TINY)
			d = CF_TINY;
		d = 1.0 / d;
		c = 1.0 + aj / c;
		if (fabs(c) < CF_TINY)
			c = CF_TINY;
		delta = c * d;
		f *= delta;
		if (j > 1 && fabs(delta - 1.0) < CF_TOLERANCE)
			return f;
	}
	return NAN;
}

/* Regularized incomplete beta I_x(a, b); y = 1 - x, passed separately to keep its precision. */
static double incomplete_beta(double a, double b, double x, double y)
{
	double log_front;

	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	log_front = a * log(x) + b * log(y) - (lgamma(a) + lgamma(b) - lgamma(a + b));
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(log_front) * beta_cf(a, b, x) / a;
	/* I_x(a, b) = 1 - I_y(b, a), whose fraction converges here. */
	return 1.0 - exp(log_front) * beta_cf(b, a, y) / b;
}

double hb_t_cdf(double t, double df)
{
	double tail, t2;

	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (t == 0.0)
		return 0.5;
	t2 = t * t;
	/* P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2) */
	tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2));
	return t > 0.0 ? 1.0 - tail : tail;
}

double hb_t_quantile(double p, double df)
{
	double upper = p > 0.5 ? p : 1.0 - p;
	double lo = 0.0, hi = 1.0;

	if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
		return NAN;
	if (p == 0.5)
		return 0.0;
	while (hb_t_cdf(hi, df) < upper) {
		lo = hi;
		hi *= 2.0;
		if (isinf(hi))
			return NAN;
	}
	/* The cdf is increasing: bisect [lo, hi] down to rounding. */
	for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
		double mid = lo + (hi - lo) / 2.0;

		if (hb_t_cdf(mid, df) < upper)
			lo = mid;
		else
			hi = mid;
	}
	return p > 0.5 ? (lo + hi) / 2.0 : -(lo + hi) / 2.0;
}
