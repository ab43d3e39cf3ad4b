// SPDX-License-Identifier: GPL-2.0-only
#include "quiesce.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int hb_cpu_busy_ns(const char *schedstat, unsigned cpu, uint64_t *ns)
{
	char line[512], want[32];
	uint64_t f[8];
	int err = -ENOENT;
	FILE *f_in;

	f_in = fopen(schedstat, "re");
	if (!f_in)
		return -errno;
	snprintf(want, sizeof(want), "cpu%u ", cpu);
	while (fgets(line, sizeof(line), f_in)) {
		if (strncmp(line, want, strlen(want)))
			continue;
		/* cpuN yld_count legacy sched_count sched_goidle ttwu_count ttwu_local rq_cpu_time ... */
		if (sscanf(line + strlen(want), "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			   " %" SCNu64 " %" SCNu64 " %" SCNu64, &f[0], &f[1], &f[2], &f[3], &f[4],
			   &f[5], &f[6]) == 7) {
			*ns = f[6];
			err = 0;
		} else {
			err = -EINVAL;
		}
		break;
	}
	fclose(f_in);
	return err;
}

/* The column of "CPU<cpu>" in the header line of /proc/softirqs, or -1. */
static int softirq_column(const char *header, unsigned cpu)
{
	char want[32];
	int col = 0;

	snprintf(want, sizeof(want), "CPU%u", cpu);
	for (const char *p = header; *p;) {
		size_t len;

		p += strspn(p, " \t\n");
		len = strcspn(p, " \t\n");
		if (!len)
			break;
		if (len == strlen(want) && !strncmp(p, want, len))
			return col;
		col++;
		p += len;
	}
	return -1;
}

int hb_softirq_count(const char *softirqs, const char *name, unsigned cpu, uint64_t *count)
{
	char *line = NULL, label[32];
	size_t cap = 0;
	int err = -ENOENT, col = -1;
	FILE *f;

	f = fopen(softirqs, "re");
	if (!f)
		return -errno;
	if (getline(&line, &cap, f) > 0)
		col = softirq_column(line, cpu);
	snprintf(label, sizeof(label), "%s:", name);
	while (col >= 0 && getline(&line, &cap, f) > 0) {
		char *p = line + strspn(line, " ");
		char *end;

		if (strncmp(p, label, strlen(label)))
			continue;
		p += strlen(label);
		err = -EINVAL;
		for (int i = 0; i <= col; i++) {
			uint64_t v = strtoull(p, &end, 10);

			if (end == p)
				break;
			p = end;
			if (i == col) {
				*count = v;
				err = 0;
			}
		}
		break;
	}
	free(line);
	fclose(f);
	return err;
}

static void sleep_step(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = HB_QUIESCE_SLEEP_NS };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * The RCU softirq's count on cpu, or 0 when it cannot be read (the check
 * then rests on the tasks' time alone, and *unread says so).
 */
static uint64_t rcu_softirqs(const char *softirqs, unsigned cpu, unsigned *unread)
{
	uint64_t n = 0;

	if (hb_softirq_count(softirqs, "RCU", cpu, &n))
		*unread |= HB_QUIESCE_NO_SOFTIRQS;
	return n;
}

bool hb_quiet_step(uint64_t busy_ns, uint64_t rcu_softirqs)
{
	return busy_ns < HB_QUIESCE_BUSY_NS && rcu_softirqs == 0;
}

int hb_quiesce(const char *schedstat, const char *softirqs, unsigned cpu, unsigned *unread)
{
	uint64_t before, after, rcu_before, rcu_after;
	int err;

	for (int step = 1; step <= HB_QUIESCE_MAX_SLEEPS; step++) {
		err = hb_cpu_busy_ns(schedstat, cpu, &before);
		rcu_before = rcu_softirqs(softirqs, cpu, unread);
		sleep_step();
		if (!err)
			err = hb_cpu_busy_ns(schedstat, cpu, &after);
		if (err) {
			*unread |= HB_QUIESCE_NO_SCHEDSTAT;
			return err;
		}
		rcu_after = rcu_softirqs(softirqs, cpu, unread);
		if (hb_quiet_step(after - before, rcu_after - rcu_before))
			return step;
	}
	return -ETIME;
}
