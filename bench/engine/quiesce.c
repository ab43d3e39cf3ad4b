// SPDX-License-Identifier: GPL-2.0-only
#include "quiesce.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SCHEDSTAT "/proc/schedstat"

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

static void sleep_step(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = HB_QUIESCE_SLEEP_NS };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int hb_quiesce(unsigned cpu)
{
	uint64_t before, after;
	int err;

	for (int step = 1; step <= HB_QUIESCE_MAX_SLEEPS; step++) {
		err = hb_cpu_busy_ns(SCHEDSTAT, cpu, &before);
		sleep_step();
		if (err)
			return err;
		err = hb_cpu_busy_ns(SCHEDSTAT, cpu, &after);
		if (err)
			return err;
		if (after - before < HB_QUIESCE_BUSY_NS)
			return step;
	}
	return HB_QUIESCE_MAX_SLEEPS;
}
