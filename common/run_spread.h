/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The run-to-run spread one run cannot see. Replicates inside a run share
 * whatever holds for the whole run (on the project's machines a hook can sit
 * 20% higher for all of a 3-minute run, every replicate and every load of
 * its BPF objects alike), so their spread alone understates how far the next
 * run moves. Earlier runs of the same cell on the same machine and kernel
 * measure that run-level part: their estimates' variance, less what the
 * replicates already account for, is added to the between-run interval.
 */
#ifndef HB_RUN_SPREAD_H
#define HB_RUN_SPREAD_H

#include <stddef.h>

#include "replicates.h"

/* Earlier runs needed before their spread is used (with this run, three estimates). */
#define HB_MIN_EARLIER_RUNS 2

struct hb_run_spread {
	size_t runs;         /* estimates the run-level variance came from, this run's included;
			      * 0 when the interval was left as the replicates gave it */
	double sd_runs;      /* standard deviation of those run estimates */
	double sd_run_level; /* the run-level part: sqrt(max(0, sd_runs² - sd²/k)) */
	double df;           /* Welch–Satterthwaite degrees of freedom of the widened interval */
};

/*
 * rep: this run's replicate interval (hb_replicates_interval()); estimate:
 * this run's figure; earlier[0..n): the same figure from earlier runs. With
 * at least HB_MIN_EARLIER_RUNS finite earlier values and a valid rep, the
 * between-run interval becomes
 *   rep->center ± t(df) · sqrt(sd²·(1 + 1/k) + 2·sd_run_level²)
 * (the next run and this one each draw their own run-level shift), else it is
 * left alone and out->runs is 0. Returns 0, or -EINVAL (NULL, conf outside (0, 1)).
 */
int hb_between_with_history(struct hb_replicates *rep, double estimate, const double *earlier,
			    size_t n, double conf, struct hb_run_spread *out);

#endif
