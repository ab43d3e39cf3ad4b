/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hookbench mix's measurement: every syscall of every process but this one,
 * counted by number for a while with a raw_tp program on sys_enter.
 */
#ifndef HB_SYSCALL_COUNTER_H
#define HB_SYSCALL_COUNTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscall_count.h"

struct hb_syscall_counts {
	uint64_t native[HB_MIX_NR_MAX];
	uint64_t compat[HB_MIX_NR_MAX]; /* 32-bit tasks' calls by their own numbers (x86 only) */
	uint64_t outside;               /* numbers outside both tables: x32 calls, -1 */
	double seconds;                 /* how long the counter was attached */
	bool interrupted;               /* a stop signal ended the count early */
};

/*
 * Called once attached (elapsed 0), then about twice a second while
 * counting, with the seconds elapsed; the caller decides what to print.
 */
typedef void (*hb_syscall_progress)(double elapsed, double seconds, void *ctx);

/*
 * Count for seconds, or until hb_stop_requested (stop.h) is set, then
 * detach and sum the per-CPU counters into c. Nothing stays attached when it
 * returns. Returns 0 or -errno with why on one line.
 */
int hb_syscall_count(double seconds, hb_syscall_progress progress, void *ctx,
		     struct hb_syscall_counts *c, char *why, size_t len);

/* Every call counted: both tables and the outside slot. */
uint64_t hb_syscall_total(const struct hb_syscall_counts *c);

#endif
