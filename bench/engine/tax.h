/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The harness tax: the workload's enoent loop (with its stop-flag check)
 * against a bare syscall(SYS_unlinkat) loop on the same name, in
 * interleaved blocks on one pinned CPU, timed by the thread's CPU time as
 * hookbench run times its blocks. No BPF.
 */
#ifndef HB_TAX_H
#define HB_TAX_H

#include <stddef.h>
#include <stdint.h>

#include "stats.h"

#define HB_TAX_CONFIDENCE 0.95

struct hb_tax_opts {
	uint64_t ops;    /* unlinkat calls per block */
	uint64_t blocks; /* measured pairs */
	uint64_t warmup; /* pairs run first and not counted */
	unsigned cpu;
	const char *dir; /* the scratch dir's parent; NULL: $TMPDIR */
};

struct hb_tax {
	double bare_ns;  /* median ns/op of the bare loop */
	double storm_ns; /* median ns/op of the workload's loop */
	double ratio;    /* median of the paired bare/storm ratios: the workload's rate share */
	struct hb_ci ci; /* its HB_TAX_CONFIDENCE interval */
};

/* Measure o into t. Returns 0, or -errno with why. */
int hb_tax_run(const struct hb_tax_opts *o, struct hb_tax *t, char *why, size_t len);

#endif
