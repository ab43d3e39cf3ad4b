/* SPDX-License-Identifier: GPL-2.0-only */
/* Run storm_loop() on several threads that start together. */
#ifndef HB_RUNNER_H
#define HB_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "storm.h"

struct storm_run {
	/* In. */
	enum storm_mode mode;
	uint64_t iterations;		/* per thread; ignored when duration_s > 0 */
	double duration_s;		/* > 0: run until this much time has passed */
	const unsigned *cpus;		/* thread i runs on cpus[i % ncpus] */
	size_t ncpus;			/* 0: no pinning */
	const struct storm_scratch *scratch; /* one thread per thread dir */
	/* Required. Set it to stop early; the run sets it on error and when
	 * duration_s is over. */
	_Atomic bool *stop;

	/* Out. */
	uint64_t ops;			/* iterations completed, all threads */
	uint64_t thread_ops[STORM_MAX_THREADS];
	uint64_t elapsed_ns;		/* start release to last thread done */
	char failed[96];		/* on error: what failed, "pin thread 0 to CPU 3" */
};

/*
 * Start one thread per scratch thread dir, release them together, wait for
 * them (and, with duration_s, stop them when it has passed), and fill in the
 * results. The workers block SIGINT, SIGTERM and SIGHUP so that those reach
 * the calling thread. Returns 0 or the first -errno (see r->failed).
 */
int storm_run(struct storm_run *r);

#endif
