/* SPDX-License-Identifier: GPL-2.0-only */
/* Command line of unlink-storm. */
#ifndef HB_STORM_OPTIONS_H
#define HB_STORM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "storm.h"

#define STORM_DEFAULT_ITERATIONS 100000ULL
#define STORM_MAX_ITERATIONS 1000000000000ULL
#define STORM_MIN_DURATION 0.001
#define STORM_MAX_DURATION 86400.0
#define STORM_MAX_CPUS 1024		/* glibc's CPU_SETSIZE */

struct storm_opts {
	enum storm_mode mode;
	uint64_t iterations;		/* per thread; unused with duration_s */
	double duration_s;		/* 0: run iterations */
	unsigned threads;
	unsigned cpus[STORM_MAX_CPUS];
	size_t ncpus;			/* 0: no pinning */
	const char *dir;		/* parent of the scratch dir, checked */
	bool json;
	bool help;
	bool version;
};

/*
 * Parse and check argv. Creates nothing. Returns 0, or -EINVAL after
 * printing exactly one line about the problem to stderr.
 */
int storm_opts_parse(int argc, char **argv, struct storm_opts *o);

void storm_opts_usage(FILE *f);

#endif
