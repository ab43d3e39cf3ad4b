/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Foreign programs: BPF programs this run did not start, attached where the
 * run measures (sys_enter/sys_exit, every syscall tracepoint, kprobes/fentry
 * on the entry of a syscall the workload makes, the dispatcher and the
 * unlinkat implementation). Every figure would include their cost. Found
 * before the run and again between rounds; one that appears mid-run
 * contaminates the rows measured while it was there.
 */
#ifndef HB_FOREIGN_H
#define HB_FOREIGN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "attached.h"
#include "matrix.h"
#include "owner.h"

struct hb_foreign_prog {
	struct hb_attached_prog p;
	struct hb_owner owner;   /* pid 0: not known */
	bool mid_run;            /* appeared after the run started */
	uint64_t first_check;    /* mid-run: the round before which it was first seen */
	uint64_t last_check;     /* and last seen (hb_foreign_check's round) */
	char first_seen[32];     /* mid-run: UTC, when first seen */
};

struct hb_foreign {
	struct hb_foreign_prog *progs; /* those there at the start first, then mid-run ones */
	size_t n, nstart;
	uint64_t warmup, visits; /* the run's rounds: warm-up ones, and all */
};

/* Does a program attached at attach (hb_attached_prog.attach) run where the run measures? */
bool hb_foreign_on_measured_path(const char *attach);

/* The programs there before the run. Returns 0 or -errno. */
int hb_foreign_start(struct hb_foreign *f);

/*
 * Between rounds (round: the round about to start; the run's round count
 * after the last): note the programs that appeared since the start.
 * Returns 0 or -errno; *appeared counts the new ones.
 */
int hb_foreign_check(struct hb_foreign *f, uint64_t round, size_t *appeared);

/*
 * The measured rounds (runs.csv's round numbers) a mid-run program may
 * have run in: false when none (it was there in warm-up rounds only).
 */
bool hb_foreign_rounds(const struct hb_foreign *f, const struct hb_foreign_prog *p,
		       uint64_t *from, uint64_t *to);

/* Give each measured cell its count of foreign programs and, when one came mid-run, why it is contaminated. */
void hb_foreign_apply(const struct hb_foreign *f, struct hb_matrix *m);

/* "prog 12 tracepoint hb_tracepoint on tracepoint:syscalls:sys_enter_unlinkat, pid 34 (tp-loader)" */
void hb_foreign_describe(const struct hb_foreign_prog *p, char *buf, size_t len);

void hb_foreign_free(struct hb_foreign *f);

#endif
