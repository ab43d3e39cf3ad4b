/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where another run's estimate lands. The model (docs/method.md): a run's
 * estimate is the machine's level for that run plus the run's own noise,
 *   X = mu + L + e,   Var(L) = var_level,   Var(e) = var_within,
 * so the next run's estimate minus this one's has variance
 * 2 * (var_level + var_within). var_within comes from the run's replicates
 * (hb_replicates_of()). var_level cannot be seen inside one run (on
 * the project's machines a hook can sit 20% higher for a whole run); it
 * comes from earlier comparable runs (history) or is unknown, and then the
 * interval is the within-run part alone, and says so (earlier_runs == 0).
 */
#ifndef HB_BETWEEN_RUN_H
#define HB_BETWEEN_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "replicates.h"

/* Earlier runs needed before their spread is used (with this run, three estimates). */
#define HB_MIN_EARLIER_RUNS 2
/* The most earlier runs read: older ones may predate a change of the machine. */
#define HB_MAX_EARLIER_RUNS 10

struct hb_between_run {
	bool valid;           /* the replicates gave an interval (k >= 3) */
	double low, high;     /* estimate ± t(df) · sqrt(2 · (var_level + var_within)) */
	size_t earlier_runs;  /* earlier runs the run-level part came from; 0: within-run only */
	double var_level;     /* the run-level variance; 0 when earlier_runs == 0 */
	double var_within;    /* the replicates' variance of this run's estimate */
	double df;            /* degrees of freedom of the t that gave the half-width
			       * (var_level, var_within and df explain the interval) */
	bool at_resolution;   /* the half-width was below the instrument's resolution and
			       * was widened to it */
};

/*
 * rep: this run's replicates; estimate: the figure the run reports (the
 * interval is centred on it); earlier[0..n): the same figure from earlier
 * comparable runs (NAN ones are skipped); resolution: the smallest change
 * the instrument can show in this figure (> 0; one clock tick or one
 * instruction over a block). The within-run part is
 * t(k - 1) · sqrt(2 · var_within). With at least HB_MIN_EARLIER_RUNS earlier
 * values, the variance of those and this estimate, s²_runs, estimates
 * var_level + var_within (var_level = s²_runs - var_within, at least 0),
 * and the half-width is t(runs - 1) · sqrt(2 · s²_runs) or the within-run
 * part, whichever is wider: a few runs can by chance sit closer together
 * than the replicates say one run's estimate wanders. Not valid (bounds NAN)
 * without a valid rep or a finite estimate. Returns 0, or -EINVAL (NULL,
 * conf outside (0, 1)).
 */
/* No interval: not valid, every number NAN. */
void hb_between_run_none(struct hb_between_run *out);

int hb_between_run(const struct hb_replicates *rep, double estimate, const double *earlier,
		   size_t n, double resolution, double conf, struct hb_between_run *out);

#endif
