/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One `hookbench run`, from the lock to the committed results directory:
 * the foreign-program census, the sysctl guards, the workload threads, the
 * matrix of cells, the measurement (or --experiment reentry), then
 * summary.csv, summary.json, states.csv and meta.json, and the rename of
 * DIR.partial.
 */
#ifndef HB_RUN_H
#define HB_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "run_opts.h"

struct hb_figures;
struct hb_matrix;
struct hb_run_state;

struct hb_run_result {
	const char *partial; /* DIR.partial: where an interrupted run kept its blocks */
	const char *final;   /* DIR: the results, once committed */
	int signal;          /* the signal that interrupted the run */
	const struct hb_matrix *m;      /* the cells measured; NULL under --experiment */
	const struct hb_figures *figs;  /* their figures */
	struct hb_run_state *state;     /* what hb_run_end releases */
};

/*
 * Run what o describes; argc/argv are hookbench's own, for meta.json and the
 * lock. Warnings go to stderr as they arise. Returns 0 with the results
 * committed to r->final, -EINTR when a signal stopped it (completed blocks in
 * r->partial), or another -errno with why. Call hb_run_end(r) in every case.
 */
int hb_run(const struct run_opts *o, int argc, char **argv, struct hb_run_result *r, char *why,
	   size_t len);

/*
 * Everything hb_run holds released: the workload threads and processes,
 * the BPF objects, the scratch dir, the lock; under sudo, the results
 * handed to the invoking user.
 */
void hb_run_end(struct hb_run_result *r);

#endif
