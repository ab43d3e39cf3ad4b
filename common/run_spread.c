// SPDX-License-Identifier: GPL-2.0-only
#include "run_spread.h"

#include "tdist.h"

#include <errno.h>
#include <math.h>
#include <string.h>

int hb_between_with_history(struct hb_replicates *rep, double estimate, const double *earlier,
			    size_t n, double conf, struct hb_run_spread *out)
{
	struct hb_replicates spread;
	double runs[64], within, level, a, b, half;
	size_t used = 0;

	if (!rep || !out || (n && !earlier) || !(conf > 0 && conf < 1))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n && used + 1 < sizeof(runs) / sizeof(runs[0]); i++)
		if (isfinite(earlier[i]))
			runs[used++] = earlier[i];
	if (!rep->valid || !isfinite(estimate) || used < HB_MIN_EARLIER_RUNS)
		return 0;
	runs[used++] = estimate;
	out->runs = used;
	/* The runs' sd, as the replicates' is computed (its interval is not used). */
	if (hb_replicates_interval(runs, used, conf, &spread))
		return -EINVAL;
	out->sd_runs = spread.sd;
	/* A run's estimate already varies by sd²/k from its own replicates. */
	within = rep->sd * rep->sd / (double)rep->k;
	level = out->sd_runs * out->sd_runs - within;
	out->sd_run_level = level > 0 ? sqrt(level) : 0;
	a = rep->sd * rep->sd * (1 + 1.0 / (double)rep->k);
	b = 2 * out->sd_run_level * out->sd_run_level;
	out->df = a + b > 0 ? (a + b) * (a + b) /
			      (a * a / (double)(rep->k - 1) + b * b / (double)(used - 1))
			    : (double)(rep->k - 1);
	half = hb_t_quantile((1 + conf) / 2, out->df) * sqrt(a + b);
	rep->between_low = rep->center - half;
	rep->between_high = rep->center + half;
	return 0;
}
