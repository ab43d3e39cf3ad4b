/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The measurement: rounds in which every cell runs baseline blocks
 * (nothing attached) and hooked blocks back to back, paired in both
 * orders (B H H B, see run_visit()). Spread over the rounds, a few blocks
 * per cell with bpf_stats on for the in-program cost; bpf_stats is off in
 * every other block.
 */
#ifndef HB_MEASURE_H
#define HB_MEASURE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "drain.h"
#include "matrix.h"
#include "remote.h"
#include "run_opts.h"
#include "storm.h"
#include "workers.h"

/* Untimed iterations before each timed block, so that attaching right
 * before a hooked block does not leave it colder than its baseline. */
#define HB_PREROLL_OPS 256

/* Time to let the kernel finish a detach before the next block (see settle()). */
#define HB_SETTLE_NS 10000000u

struct hb_measure {
	const struct run_opts *o;
	struct hb_matrix *m;
	const int *dirfds;          /* one scratch directory per workload thread */
	struct hb_workers *workers; /* the workload threads */
	FILE *runs;                 /* runs.csv, one row per block */
	struct hb_drain *drain;     /* reads the ringbuf payload's records */
	bool reader_shares_cpu;     /* the drain runs on the measured CPU: its time is the block's */
	struct hb_remote *remote;   /* other_remote's process; NULL when the run has no such cell */
	bool reader_shares_remote;  /* the drain runs on the remote process's CPU */
	const _Atomic bool *stop;   /* set by a signal: finish the block, then stop */
	/* Called before each round (its number, warm-up included), outside every block. */
	void (*between_rounds)(void *ctx, uint64_t round);
	void *between_ctx;
	/*
	 * Called before the first round of each replicate after the first
	 * (common/replicates.h splits the rounds), outside every block: the run
	 * loads its BPF objects afresh there. NULL: one load for the whole run.
	 */
	int (*new_replicate)(void *ctx, char *why, size_t len);
	void *new_replicate_ctx;
	/* progress */
	uint64_t blocks_done, blocks_total;
	uint64_t started_ns, last_report_ns;
	bool tty;
	bool other_unlinks;         /* HOOKBENCH_TEST_OTHER_UNLINKS, read once per run */
	/* Under -icount: blocks that waited for a quiet CPU, and those that found none. */
	uint64_t quiet_checks, quiet_gave_up;
	unsigned quiet_unread; /* HB_QUIESCE_NO_* bits seen so far */
};

void hb_measure_write_header(FILE *runs);

/*
 * Events hook fires for one iteration of mode: the iteration's unlinkat()
 * calls (storm_mode_unlinks()), or none in enoent mode for a hook that fires
 * only when a name is really removed (the row's removes_only).
 */
unsigned hb_events_per_iteration(const struct hb_hook *hook, enum storm_mode mode);

/*
 * Run every round with its stats blocks. Cells that fail to attach become
 * errors and the rest go on. Returns 0, -EINTR when stopped by a signal
 * (unfinished cells are left HB_CELL_PENDING), or -errno when the workload
 * itself failed.
 */
int hb_measure_run(struct hb_measure *x, char *why, size_t len);

#endif
