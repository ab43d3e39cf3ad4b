// SPDX-License-Identifier: GPL-2.0-only
#include "replicates.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"
#include "tdist.h"

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
		.valid = false, .k = k, .center = NAN, .sd = NAN,
		.ci_low = NAN, .ci_high = NAN, .between_low = NAN, .between_high = NAN,
	};
}

int hb_replicates_interval(const double *e, size_t k, double conf, struct hb_replicates *out)
{
	double sum = 0.0, squares = 0.0, t;

	if (!out || (k > 0 && !e) || !(conf > 0.0 && conf < 1.0))
		return -EINVAL;
	replicates_unknown(out, k);
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
	for (size_t i = 0; i < k; i++)
		squares += (e[i] - out->center) * (e[i] - out->center);
	out->sd = sqrt(squares / (double)(k - 1));
	if (k < 3)
		return 0;
	t = hb_t_quantile((1.0 + conf) / 2.0, (double)(k - 1));
	out->ci_low = out->center - t * out->sd / sqrt((double)k);
	out->ci_high = out->center + t * out->sd / sqrt((double)k);
	/* Another run's mean has this run's variance again: sd²/k + sd²/k. */
	out->between_low = out->center - t * out->sd * sqrt(2.0 / (double)k);
	out->between_high = out->center + t * out->sd * sqrt(2.0 / (double)k);
	out->valid = true;
	return 0;
}

/* Median of the finite values among v[first..end), using buf; NAN when there are none. */
static double finite_median(const double *v, size_t first, size_t end, double *buf)
{
	size_t m = 0;

	for (size_t i = first; i < end; i++)
		if (isfinite(v[i]))
			buf[m++] = v[i];
	return hb_median(buf, m);
}

int hb_median_by_replicate(const double *v, size_t n, size_t k, double conf, double *median,
			   struct hb_replicates *out)
{
	double *buf = NULL, *estimate = NULL;
	size_t first, end;
	int err = 0;

	if (!v || !median || !out || n == 0 || k == 0 || !(conf > 0.0 && conf < 1.0))
		return -EINVAL;
	buf = malloc(n * sizeof(*buf));
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	*median = finite_median(v, 0, n, buf);
	if (k > n) {
		replicates_unknown(out, k);
		goto out;
	}
	estimate = malloc(k * sizeof(*estimate));
	if (!estimate) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t r = 0; r < k; r++) {
		hb_replicate_split(n, k, r, &first, &end);
		estimate[r] = finite_median(v, first, end, buf);
	}
	err = hb_replicates_interval(estimate, k, conf, out);
out:
	free(buf);
	free(estimate);
	return err;
}

double hb_round_ratio(double num, double den)
{
	if (!isfinite(num) || !isfinite(den) || den <= 0.0)
		return NAN;
	return num / den;
}

int hb_ratio_by_replicate(const double *num, const double *den, size_t n, size_t k, double conf,
			  double *median, struct hb_replicates *out)
{
	double *ratio;
	int err;

	if (!num || !den || n == 0)
		return -EINVAL;
	ratio = malloc(n * sizeof(*ratio));
	if (!ratio)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		ratio[i] = hb_round_ratio(num[i], den[i]);
	err = hb_median_by_replicate(ratio, n, k, conf, median, out);
	free(ratio);
	return err;
}
