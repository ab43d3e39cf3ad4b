/* SPDX-License-Identifier: GPL-2.0-only */
/* What hb_run holds, shared by its phases (run.c, run_prepare.c, run_measure.c). */
#ifndef HB_RUN_STATE_H
#define HB_RUN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "attached.h"
#include "coverage.h"
#include "drain.h"
#include "figures.h"
#include "foreign.h"
#include "history.h"
#include "matrix.h"
#include "meta.h"
#include "outdir.h"
#include "probe.h"
#include "remote.h"
#include "run_opts.h"
#include "runlock.h"
#include "storm.h"
#include "sysctl_guard.h"
#include "workers.h"

/* Everything that is measured, from the created DIR.partial to its last file. */
struct hb_run_state {
	struct run_opts o;
	bool out_allocated; /* o.out is the default name, allocated here */
	char scratch_fs[32];
	struct hb_probe_env env;
	struct hb_matrix m;
	struct storm_scratch scratch;
	struct hb_outdir out;
	struct hb_drain drain;
	unsigned reader_cpu; /* the ring-buffer reader's CPU */
	struct hb_figures figs;
	struct hb_history history; /* earlier runs like this one */
	struct hb_sysctl_guard kopt;
	char kopt_before[32];
	struct hb_workers *workers;
	struct hb_remote remote;  /* other_remote's process, when the run has that mode */
	char remote_why[128];     /* why it has none: other_remote cells are unsupported */
	struct hb_meta meta;
	struct hb_attached attached; /* others' programs on the syscall path */
	struct hb_foreign foreign;   /* those where the run measures */
	struct hb_runlock lock;
	struct hb_coverage coverage; /* what each hook saw (coverage.csv) */
	FILE *runs;
	char started[32], finished[32];
};

/*
 * Everything before the first block: the out dir's name, the lock, the
 * foreign census, other_remote's process, the workload threads, the pinning,
 * the matrix loaded, the scratch dir, --kprobe-optimization. 0 or -errno with why.
 */
int hb_run_prepare(struct hb_run_state *st, char *why, size_t len);

/* The measurement into DIR.partial, then its figures and files. 0, -EINTR or -errno with why. */
int hb_run_measure(struct hb_run_state *st, char *why, size_t len);

/* --experiment reentry: reentry.csv and meta.json instead of the measurement. */
int hb_run_reentry(struct hb_run_state *st, char *why, size_t len);

/* --experiment coverage: coverage.csv and meta.json instead of the measurement. */
int hb_run_coverage(struct hb_run_state *st, char *why, size_t len);

/*
 * After the measurement: the same coverage pass over the measured hooks and
 * their deny proof, into DIR.partial/coverage.csv and blocking.csv (unless
 * --no-coverage). A failure is a warning on stderr and 0: the measurement
 * stands. Returns -EINTR when a stop signal came during the pass.
 */
int hb_run_coverage_pass(struct hb_run_state *st);

#endif
