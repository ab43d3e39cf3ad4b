/* SPDX-License-Identifier: GPL-2.0-only */
/* Robust statistics for paired block measurements. */
#ifndef HB_STATS_H
#define HB_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* Median of v[0..n) (v is sorted in place). NAN when n == 0. */
double hb_median(double *v, size_t n);

/* Sample variance of v[0..n) (n - 1 in the denominator); NAN for n < 2. */
double hb_variance(const double *v, size_t n);

/* P(X <= k) for X ~ Binomial(n, 1/2). */
double hb_binom_half_cdf(size_t n, size_t k);

struct hb_ci {
	bool valid;    /* false when n is too small for the requested level */
	double low;
	double high;
	double level;  /* the exact coverage of [low, high], >= the one asked for */
	size_t rank;   /* low is the rank-th smallest value (1-based) */
};

/*
 * Distribution-free confidence interval for the median of v[0..n), from
 * order statistics: [x(k), x(n+1-k)] with the largest k such that
 * P(Bin(n, 1/2) <= k-1) <= (1 - conf) / 2. v is sorted in place.
 */
void hb_median_ci(double *v, size_t n, double conf, struct hb_ci *ci);

/* Smallest n for which hb_median_ci() can reach conf. */
size_t hb_median_ci_min_n(double conf);

#endif
