/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The workload threads of a block. The calling thread is thread 0; helpers
 * 1..n-1 are started once, each pinned to its own CPU, and wait for blocks.
 */
#ifndef HB_WORKERS_H
#define HB_WORKERS_H

#include <stdint.h>

#include "storm.h"

#define HB_MAX_THREADS 64

struct hb_job {
	enum storm_mode mode;
	uint64_t preroll; /* untimed calls first */
	uint64_t ops;     /* timed calls, per thread */
	const int *dirfds; /* one scratch directory per thread */
};

struct hb_job_result {
	uint64_t cpu_ns;  /* the thread's CPU time for its timed calls */
	uint64_t wall_ns; /* CLOCK_MONOTONIC for the same */
	int err;          /* from storm_loop() */
};

struct hb_workers;

/* Start helpers for cpus[1..n-1] (cpus[0] is the caller's). 0 or -errno. */
int hb_workers_start(struct hb_workers **out, unsigned n, const unsigned *cpus);

/* Run job on threads 0..nthreads-1 at once; res has nthreads entries. */
int hb_workers_run(struct hb_workers *w, unsigned nthreads, const struct hb_job *job,
		   struct hb_job_result *res);

/* Stop and join the helpers. Safe on NULL. */
void hb_workers_stop(struct hb_workers *w);

#endif
