/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Earlier runs of this machine kind: the result directories beside this
 * run's (or in --history DIR) measured on the same kernel build and CPU
 * model with the same blocks, clock and schema: the same
 * kind of estimate, with the same within-run noise. Their estimates give
 * the run-level spread one run cannot see (common/between_run.h).
 */
#ifndef HB_HISTORY_H
#define HB_HISTORY_H

#include <limits.h>
#include <stddef.h>

#include "between_run.h"
#include "csv_read.h"
#include "run_opts.h"

struct hb_history {
	char dir[PATH_MAX];  /* where earlier runs were looked for; "" when not looked */
	size_t looked;       /* result directories (with a meta.json) found there */
	size_t nruns;        /* of them, runs like this one (newest first, at most
			      * HB_MAX_EARLIER_RUNS) */
	struct hb_csv_table summary[HB_MAX_EARLIER_RUNS];
};

/*
 * Read the runs in dir (NULL: the directory holding o->out) that match this
 * machine and o, leaving out o->out itself. A missing or unreadable dir gives
 * no runs, not an error. Returns 0, or -ENOMEM.
 */
int hb_history_load(struct hb_history *h, const char *dir, const struct run_opts *o);

/*
 * Column `column` (overhead_ns_per_event, ratio_vs_reference) of the ok rows
 * of hook/payload/mode/threads measured with ops_per_block calls per block
 * (each row's own: modes differ) in the matching runs whose reference hook is
 * `reference` (NULL: any), into out (room for HB_MAX_EARLIER_RUNS). Returns
 * how many; empty fields are not counted.
 */
size_t hb_history_estimates(const struct hb_history *h, const char *column, const char *reference,
			    const char *hook, const char *payload, const char *mode, unsigned threads,
			    uint64_t ops_per_block, double *out);

void hb_history_free(struct hb_history *h);

#endif
