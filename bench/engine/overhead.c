// SPDX-License-Identifier: GPL-2.0-only
#include "overhead.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t hb_finite_values(const double *v, size_t n, double *out)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			out[m++] = v[i];
	return m;
}

int hb_overhead_of_visits(const double *visit_diff, size_t nrounds, size_t k, double conf,
			  struct hb_overhead *out)
{
	double *diffs, unused;
	int err;

	memset(out, 0, sizeof(*out));
	out->median = NAN;
	hb_between_run_none(&out->between);
	hb_replicates_of(NULL, 0, &out->replicates);
	if (nrounds == 0)
		return 0;
	diffs = malloc(nrounds * sizeof(*diffs));
	if (!diffs)
		return -ENOMEM;
	out->visits = hb_finite_values(visit_diff, nrounds, diffs);
	hb_median_ci(diffs, out->visits, conf, &out->ci); /* sorts diffs */
	out->median = hb_median(diffs, out->visits);
	free(diffs);
	if (out->visits == 0)
		return 0;
	err = hb_median_by_replicate(visit_diff, nrounds, k, &unused, &out->replicates);
	return err == -EINVAL ? 0 : err;
}
