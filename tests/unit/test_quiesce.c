// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the -icount quiet check reads: the tasks' time per CPU from
 * /proc/schedstat and the RCU softirq count per CPU from /proc/softirqs
 * (fixtures laid out as the kernel writes them; CPU2 offline).
 */
#include <errno.h>

#include "quiesce.h"
#include "tap.h"

int main(void)
{
	uint64_t n = 0;
	unsigned unread;

	TAP_OK(hb_cpu_busy_ns(FIXTURES "/schedstat", 1, &n) == 0 && n == 987654321,
	       "rq_cpu_time of cpu1 (%llu)", (unsigned long long)n);
	TAP_OK(hb_cpu_busy_ns(FIXTURES "/schedstat", 7, &n) == -ENOENT, "a CPU not listed in schedstat");
	TAP_OK(hb_softirq_count(FIXTURES "/softirqs", "RCU", 0, &n) == 0 && n == 987654,
	       "RCU softirqs of CPU0 (%llu)", (unsigned long long)n);
	TAP_OK(hb_softirq_count(FIXTURES "/softirqs", "RCU", 3, &n) == 0 && n == 77,
	       "CPU3 is the third column, not the fourth: columns follow the header (%llu)",
	       (unsigned long long)n);
	TAP_OK(hb_softirq_count(FIXTURES "/softirqs", "TIMER", 1, &n) == 0 && n == 65432,
	       "another softirq, another CPU (%llu)", (unsigned long long)n);
	TAP_OK(hb_softirq_count(FIXTURES "/softirqs", "RCU", 2, &n) == -ENOENT, "an offline CPU");
	TAP_OK(hb_softirq_count(FIXTURES "/softirqs", "BLOCK", 0, &n) == -ENOENT, "a softirq not listed");
	TAP_OK(hb_softirq_count(FIXTURES "/no-such-file", "RCU", 0, &n) == -ENOENT, "no file");
	TAP_OK(hb_quiet_step(0, 0) && hb_quiet_step(HB_QUIESCE_BUSY_NS - 1, 0),
	       "a step in which tasks ran under 0.1 ms and no RCU softirq ran is quiet");
	TAP_OK(!hb_quiet_step(HB_QUIESCE_BUSY_NS, 0), "0.1 ms of tasks is not quiet");
	TAP_OK(!hb_quiet_step(0, 1), "one RCU softirq is not quiet, however idle the tasks were");

	/* A quiet check that cannot read its files says so. */
	unread = 0;
	TAP_OK(hb_quiesce(FIXTURES "/schedstat", FIXTURES "/softirqs", 1, &unread) == 1 && !unread,
	       "both files read: quiet at the first step (the fixtures do not change), nothing unread");
	unread = 0;
	TAP_OK(hb_quiesce(FIXTURES "/no-such-file", FIXTURES "/softirqs", 1, &unread) == -ENOENT &&
		       (unread & HB_QUIESCE_NO_SCHEDSTAT),
	       "no schedstat: -ENOENT and unread says so (%u)", unread);
	unread = 0;
	TAP_OK(hb_quiesce(FIXTURES "/schedstat", FIXTURES "/no-such-file", 1, &unread) == 1 &&
		       unread == HB_QUIESCE_NO_SOFTIRQS,
	       "no softirqs: the check goes on with the tasks' time, and unread says so (%u)", unread);
	return tap_done();
}
