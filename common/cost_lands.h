/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a hook's cost lands: on the hooked call only, on every syscall of
 * every process, or on every task's syscalls through the syscall slow path.
 * Decided by what the hook attaches to, so `hookbench list` (from the hook
 * table) and the report (from summary.csv's attach_point) agree.
 */
#ifndef HB_COST_LANDS_H
#define HB_COST_LANDS_H

enum hb_cost_lands {
	/* A kernel function (kprobe, fentry, ...): only calls that reach it pay. */
	HB_COST_THIS_CALL,
	/* raw_syscalls:sys_enter/sys_exit: the program runs on every syscall of
	 * every process and filters inside; every task is on the slow path too. */
	HB_COST_EVERY_SYSCALL,
	/* syscalls:sys_enter_X/sys_exit_X: the program runs for X only, but while
	 * any syscall tracepoint is on, every task takes the syscall slow path
	 * (SYSCALL_WORK_SYSCALL_TRACEPOINT) and a filter on every syscall. */
	HB_COST_SLOW_PATH,
};

/*
 * The class of an attach point: tp_category and tp_name for a tracepoint
 * (tp_category NULL or "" for a kernel function).
 */
enum hb_cost_lands hb_cost_lands_of(const char *tp_category, const char *tp_name);

/*
 * The class of summary.csv's attach_point: "syscalls:sys_enter_unlinkat",
 * "sys_enter" (a raw syscall tracepoint), "do_unlinkat+0x9" (a function).
 */
enum hb_cost_lands hb_cost_lands_of_attach_point(const char *attach_point);

/* The CSV value: this_call, every_syscall or every_task_slow_path. */
const char *hb_cost_lands_name(enum hb_cost_lands c);

/* A few words for tables: "this call only", "every syscall", ... */
const char *hb_cost_lands_label(enum hb_cost_lands c);

/* One sentence saying what the class means. */
const char *hb_cost_lands_why(enum hb_cost_lands c);

#endif
