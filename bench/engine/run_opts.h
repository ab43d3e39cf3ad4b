/* SPDX-License-Identifier: GPL-2.0-only */
/* The settings of one `hookbench run`. */
#ifndef HB_RUN_OPTS_H
#define HB_RUN_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hooks.h"

#define HB_MAX_LIST 24 /* at least HB_MAX_HOOKS: --hooks may name every hook */
_Static_assert(HB_MAX_LIST >= HB_MAX_HOOKS, "a hook list must hold every hook");

/* What a block's ns/op is measured with; hb_clock_names (run_opts.c) spells each. */
enum hb_clock {
	HB_CLOCK_CPU,  /* the measuring thread's CPU time: other tasks' time is left out */
	HB_CLOCK_WALL, /* CLOCK_MONOTONIC */
	HB_CLOCK_MAX,
};
extern const char *const hb_clock_names[HB_CLOCK_MAX];
#define HB_CONFIDENCE 0.95

struct run_opts {
	size_t hooks[HB_MAX_LIST], nhooks;       /* indices into hb_hooks */
	const struct hb_hook *objects;           /* --object: rows of the user's programs */
	size_t nobjects;
	size_t payloads[HB_MAX_LIST], npayloads; /* enum hb_payload */
	size_t modes[HB_MAX_LIST], nmodes;       /* enum storm_mode */
	unsigned threads[HB_MAX_LIST];           /* workload thread counts */
	size_t nthreads;
	uint64_t ops_per_block; /* --ops-per-block for every mode; 0: each mode's default */
	uint64_t blocks;       /* measured pairs per cell */
	uint64_t warmup;       /* rounds run first and not counted */
	uint64_t stats_blocks; /* extra hooked blocks per cell with bpf_stats on */
	uint64_t replicates;   /* contiguous runs of rounds each giving one estimate */
	size_t reference;      /* index into hb_hooks: what the ratios compare against */
	bool reference_given;  /* --reference named it (else the default) */
	bool control;          /* measure the `none` control cell per mode x threads */
	const char *history;   /* --history DIR: earlier runs; NULL: beside out */
	bool no_history;       /* --no-history */
	bool one_load;         /* keep the first load of the BPF objects for all replicates */
	unsigned cpu;          /* the CPU the measuring thread is pinned to */
	const char *scratch_parent;
	const char *out;
	const char *btf;
	const char *timing_note; /* NULL: "wall" */
	const char *host;        /* meta.json's hostname; NULL: uname -n */
	bool icount;             /* timed by QEMU's -icount shift=0 clock: one ns is one guest
				  * instruction, and runs repeat without drift (docs/vm.md) */
	enum hb_clock clock;
	const char *kprobe_optimization; /* "on", "off" or NULL: leave it */
	const char *experiment;          /* "reentry", "coverage" or NULL: measure */
	uint64_t coverage_calls;         /* calls per path and outcome in the coverage pass */
	bool no_coverage;                /* --no-coverage: no coverage pass after the measurement */
	bool verbose;
	bool allow_foreign;    /* run although others' programs are on the measured path */
	bool allow_concurrent; /* run although another measurement holds the lock */
};

/* Calls per enoent block when --ops-per-block is not given; other modes scale it. */
#define HB_DEFAULT_OPS_PER_BLOCK 10000

/*
 * Calls per block of mode (an enum storm_mode): --ops-per-block when given,
 * else the mode's default, sized so that its block lasts about as long as
 * an enoent block of HB_DEFAULT_OPS_PER_BLOCK calls.
 */
uint64_t hb_ops_per_block(const struct run_opts *o, size_t mode);
uint64_t hb_default_ops_per_block(size_t mode);

/* Whether the run measures mode (an enum storm_mode). */
bool run_opts_has_mode(const struct run_opts *o, size_t mode);

/* What the figures count: a block's ns, or, under -icount, guest instructions. */
static inline const char *hb_run_unit(const struct run_opts *o)
{
	return o->icount ? "guest instructions" : "ns";
}

#endif
