// SPDX-License-Identifier: GPL-2.0-only
#include "replicates.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"

int hb_replicate_split(size_t nrounds, size_t k, size_t r, size_t *first, size_t *end)
{
	size_t size, extra;

	if (!first || !end || k == 0 || k > nrounds || r >= k)
		return -EINVAL;
	size = nrounds / k;
	extra = nrounds % k;
	*first = r * size + (r < extra ? r : extra);
	*end = *first + size + (r < extra);
	return 0;
}

static void replicates_unknown(struct hb_replicates *out, size_t k)
{
	*out = (struct hb_replicates){
		.valid = false, .k = k, .center = NAN, .sd = NAN, .lag1 = NAN,
		.var_within = NAN,
	};
}

double hb_lag1_limit(size_t k)
{
	return k ? 1.6449 / sqrt((double)k) : INFINITY;
}

/* Lag-1 autocorrelation of e[0..k) around its mean; 0 when all are equal. */
static double lag1_of(const double *e, size_t k, double mean)
{
	double num = 0.0, den = 0.0;

	for (size_t i = 0; i < k; i++) {
		den += (e[i] - mean) * (e[i] - mean);
		if (i + 1 < k)
			num += (e[i] - mean) * (e[i + 1] - mean);
	}
	return den > 0.0 ? num / den : 0.0;
}

int hb_replicates_of(const double *e, size_t k, struct hb_replicates *out)
{
	double sum = 0.0, inflation = 1.0;

	if (!out || (k > 0 && !e) || k > HB_MAX_REPLICATES)
		return -EINVAL;
	replicates_unknown(out, k);
	for (size_t i = 0; i < k; i++)
		out->estimate[i] = e[i];
	for (size_t i = 0; i < k; i++) {
		if (!isfinite(e[i]))
			return 0;
		sum += e[i];
	}
	if (k == 0)
		return 0;
	out->center = sum / (double)k;
	if (k < 2)
		return 0;
	out->sd = sqrt(hb_variance(e, k));
	if (k < 3)
		return 0;
	out->lag1 = lag1_of(e, k, out->center); /* < 1: its denominator holds every term */
	if (out->lag1 > hb_lag1_limit(k))
		inflation = fmin((1.0 + out->lag1) / (1.0 - out->lag1), (double)k);
	out->var_within = out->sd * out->sd / (double)k * inflation;
	out->valid = true;
	return 0;
}

/* The replicates m values make when k are asked for. */
static size_t replicates_for(size_t m, size_t k)
{
	if (k > m / HB_MIN_PER_REPLICATE)
		k = m / HB_MIN_PER_REPLICATE;
	return k < HB_MAX_REPLICATES ? k : HB_MAX_REPLICATES;
}

int hb_median_by_replicate(const double *v, size_t n, size_t k, double *median,
			   struct hb_replicates *out)
{
	double *present, estimate[HB_MAX_REPLICATES];
	size_t m = 0, first, end;
	int err;

	if (!v || !median || !out || n == 0 || k == 0)
		return -EINVAL;
	present = malloc(n * sizeof(*present));
	if (!present)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			present[m++] = v[i];
	k = replicates_for(m, k);
	for (size_t r = 0; r < k; r++) {
		hb_replicate_split(m, k, r, &first, &end);
		estimate[r] = hb_median(present + first, end - first); /* sorts that chunk */
	}
	err = hb_replicates_of(estimate, k, out);
	*median = hb_median(present, m);
	free(present);
	return err;
}

double hb_round_ratio(double num, double den)
{
	if (isnan(num) || isnan(den))
		return NAN;
	if (den > 0.0)
		return num / den;
	return num > 0.0 ? INFINITY : num < 0.0 ? -INFINITY : 0.0;
}

int hb_ratio_by_replicate(const double *num, const double *den, size_t n, size_t k,
			  double *median, struct hb_replicates *out)
{
	double *a = NULL, *b = NULL, estimate[HB_MAX_REPLICATES];
	size_t m = 0, first, end;
	int err = -ENOMEM;

	if (!num || !den || !median || !out || n == 0 || k == 0)
		return -EINVAL;
	a = malloc(n * sizeof(*a));
	b = malloc(n * sizeof(*b));
	if (!a || !b)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (isnan(num[i]) || isnan(den[i]))
			continue;
		a[m] = num[i];
		b[m++] = den[i];
	}
	k = replicates_for(m, k);
	for (size_t r = 0; r < k; r++) {
		hb_replicate_split(m, k, r, &first, &end);
		/* hb_median sorts each chunk: a and b stop pairing, which the medians do not need */
		estimate[r] = hb_round_ratio(hb_median(a + first, end - first),
					     hb_median(b + first, end - first));
	}
	err = hb_replicates_of(estimate, k, out);
	*median = hb_round_ratio(hb_median(a, m), hb_median(b, m));
out:
	free(a);
	free(b);
	return err;
}
