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
	/*
	 * Where one more replicate would fall: sd²·(1 + 1/k). Another run's
	 * whole median moves by about that much, not by the sd²·2/k that
	 * independent replicates would give: the machine's level holds for
	 * longer than a replicate, so neighbouring replicates share it and
	 * understate the spread between runs (docs/method.md).
	 */
	out->between_low = out->center - t * out->sd * sqrt(1.0 + 1.0 / (double)k);
	out->between_high = out->center + t * out->sd * sqrt(1.0 + 1.0 / (double)k);
	out->valid = true;
	return 0;
}

void hb_replicates_independent(struct hb_replicates *r, double conf, double estimate)
{
	double t, half, mid;

	if (!r->valid)
		return;
	t = hb_t_quantile((1.0 + conf) / 2.0, (double)(r->k - 1));
	/*
	 * Another run's estimate comes from k more replicates: it differs from
	 * this run's by about sd·√(1/k + 1/k) when nothing but the replicates'
	 * own noise separates them. Centred on the estimate the run reports,
	 * which is what the next run's is compared with.
	 */
	half = t * r->sd * sqrt(2.0 / (double)r->k);
	mid = isfinite(estimate) ? estimate : r->center;
	r->between_low = mid - half;
	r->between_high = mid + half;
}

int hb_median_by_replicate(const double *v, size_t n, size_t k, double conf, double *median,
			   struct hb_replicates *out)
{
	double *finite = NULL, *estimate = NULL;
	size_t m, first, end;
	int err = 0;

	if (!v || !median || !out || n == 0 || k == 0 || !(conf > 0.0 && conf < 1.0))
		return -EINVAL;
	finite = malloc(n * sizeof(*finite));
	estimate = malloc(n * sizeof(*estimate));
	if (!finite || !estimate) {
		err = -ENOMEM;
		goto out;
	}
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			finite[m++] = v[i];
	if (k > m / HB_MIN_PER_REPLICATE)
		k = m / HB_MIN_PER_REPLICATE;
	for (size_t r = 0; r < k; r++) {
		hb_replicate_split(m, k, r, &first, &end);
		estimate[r] = hb_median(finite + first, end - first); /* sorts that chunk */
	}
	err = hb_replicates_interval(estimate, k, conf, out);
	*median = hb_median(finite, m);
out:
	free(finite);
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
