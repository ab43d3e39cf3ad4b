/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reentry experiment: program A on the unlinkat path calls
 * bpf_get_current_comm(); program B is hooked on that helper's kernel
 * function, so it would fire inside A's handler. What each kernel does with
 * B then (run it, skip it and count it, skip it silently) is the finding.
 */
#ifndef HB_REENTRY_H
#define HB_REENTRY_H

#include <stdint.h>
#include <stdio.h>

#include "probe.h"
#include "run_opts.h"

#define HB_REENTRY_TARGET "bpf_get_current_comm"

/*
 * For every A in o->hooks and B among the hooks on a function's entry (the
 * hook table's function_entry rows): attach both, make calls unlinkat()
 * calls on dirfd, and write one CSV row to csv and one line to table.
 * Returns 0 or -errno when the workload failed.
 */
int hb_reentry_run(const struct run_opts *o, const struct hb_probe_env *env, int dirfd,
		   uint64_t calls, FILE *csv, FILE *table);

#endif
