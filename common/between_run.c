// SPDX-License-Identifier: GPL-2.0-only
#include "between_run.h"

#include "stats.h"
#include "tdist.h"

#include <errno.h>
#include <math.h>

void hb_between_run_none(struct hb_between_run *out)
{
	*out = (struct hb_between_run){ .low = NAN, .high = NAN, .var_level = NAN,
					.var_within = NAN, .df = NAN };
}

int hb_between_run(const struct hb_replicates *rep, double estimate, const double *earlier,
		   size_t n, double resolution, double conf, struct hb_between_run *out)
{
	double runs[HB_MAX_EARLIER_RUNS + 1], var_runs, half, from_runs;
	size_t used = 0;

	if (!rep || !out || (n && !earlier) || !(conf > 0 && conf < 1))
		return -EINVAL;
	hb_between_run_none(out);
	if (!rep->valid || !isfinite(estimate))
		return 0;
	for (size_t i = 0; i < n && used < HB_MAX_EARLIER_RUNS; i++)
		if (isfinite(earlier[i]))
			runs[used++] = earlier[i];
	out->var_within = rep->var_within;
	out->var_level = 0.0;
	out->df = (double)(rep->k - 1);
	half = hb_t_quantile((1 + conf) / 2, out->df) * sqrt(2 * rep->var_within);
	if (used >= HB_MIN_EARLIER_RUNS) {
		runs[used] = estimate;
		var_runs = hb_variance(runs, used + 1);
		out->earlier_runs = used;
		out->var_level = var_runs > rep->var_within ? var_runs - rep->var_within : 0.0;
		from_runs = hb_t_quantile((1 + conf) / 2, (double)used) * sqrt(2 * var_runs);
		if (from_runs > half) {
			half = from_runs;
			out->df = (double)used;
		}
	}
	if (!(half >= resolution)) {
		half = resolution;
		out->at_resolution = true;
	}
	out->low = estimate - half;
	out->high = estimate + half;
	out->valid = true;
	return 0;
}
