/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Under QEMU -icount, wait until the kernel's deferred work (kworkers, RCU
 * and RCU-tasks grace periods, freeing after a detach, set-up after an
 * attach) has run, so it does not land in the next block. The guest's idle
 * time costs nothing there (-icount sleep=off jumps the clock to the next
 * timer), so the wait sleeps instead of spinning and gives that work the CPU.
 */
#ifndef HB_QUIESCE_H
#define HB_QUIESCE_H

#include <stdbool.h>
#include <stdint.h>

/* How long each quiet check sleeps, and how much others may run meanwhile. */
#define HB_QUIESCE_SLEEP_NS 20000000u  /* 20 ms */
#define HB_QUIESCE_BUSY_NS 100000u     /* 0.1 ms: 0.5% of the sleep */
#define HB_QUIESCE_MAX_SLEEPS 200      /* 4 s: give up, the block will show it */

/*
 * The time tasks have run on cpu, in ns, from /proc/schedstat's rq_cpu_time
 * (the sum of every task's run time there, idle left out). Returns 0, or
 * -errno (-ENOENT: no such CPU line, or no /proc/schedstat).
 */
int hb_cpu_busy_ns(const char *schedstat, unsigned cpu, uint64_t *ns);

/*
 * The count of softirq name ("RCU", "TIMER", ...) run on cpu, from a file
 * laid out as /proc/softirqs. Returns 0, or -errno (-ENOENT: no such CPU
 * column or softirq line).
 */
int hb_softirq_count(const char *softirqs, const char *name, unsigned cpu, uint64_t *count);

/*
 * Whether a step was quiet: the CPU's tasks ran less than HB_QUIESCE_BUSY_NS
 * in it and no RCU softirq ran there (RCU callbacks, such as those freeing
 * a detached hook, run in softirq context on whatever task is current: in
 * the next block's thread, unless slept out).
 */
bool hb_quiet_step(uint64_t busy_ns, uint64_t rcu_softirqs);

#define HB_SCHEDSTAT "/proc/schedstat"
#define HB_SOFTIRQS "/proc/softirqs"

/* What a quiet check could not read (bits of *unread). */
#define HB_QUIESCE_NO_SCHEDSTAT 1u /* no check at all */
#define HB_QUIESCE_NO_SOFTIRQS 2u  /* the check does not see RCU callbacks */

/*
 * Sleep in HB_QUIESCE_SLEEP_NS steps until a quiet one (hb_quiet_step()) on
 * cpu, at most HB_QUIESCE_MAX_SLEEPS steps, reading the files laid out as
 * HB_SCHEDSTAT and HB_SOFTIRQS. Returns the steps slept, -ETIME when none
 * was quiet, or -errno when the busy time cannot be read (then it has slept
 * one step). Sets the bits of *unread for the files it could not read.
 */
int hb_quiesce(const char *schedstat, const char *softirqs, unsigned cpu, unsigned *unread);

#endif
