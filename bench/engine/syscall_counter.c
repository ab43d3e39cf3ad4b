// SPDX-License-Identifier: GPL-2.0-only
#include "syscall_counter.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "prepare.h"
#include "stop.h"
#include "syscall_count.skel.h"

#define TICK_NS 500000000u /* progress and stop checks, twice a second */

/* Sleep until the deadline, the next tick or a signal; call progress at each tick. */
static void wait_counting(double seconds, hb_syscall_progress progress, void *ctx, uint64_t t0)
{
	uint64_t end = t0 + (uint64_t)(seconds * 1e9);
	uint64_t now = t0;

	while (now < end && !atomic_load(&hb_stop_requested)) {
		uint64_t wake = now + TICK_NS < end ? now + TICK_NS : end;
		struct timespec ts = { .tv_sec = (time_t)(wake / 1000000000u),
				       .tv_nsec = (long)(wake % 1000000000u) };

		/* EINTR (a stop signal) is checked at the top of the loop. */
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		now = hb_clock_ns(CLOCK_MONOTONIC);
		if (progress)
			progress((double)(now - t0) / 1e9, seconds, ctx);
	}
}

/* Sum each slot's per-CPU values into c. */
static int read_counts(const struct bpf_map *map, struct hb_syscall_counts *c, char *why, size_t len)
{
	int ncpus = libbpf_num_possible_cpus();
	uint64_t *percpu;
	int err = 0;

	if (ncpus <= 0) {
		snprintf(why, len, "cannot count the possible CPUs: %s", strerror(-ncpus));
		return ncpus ? ncpus : -EINVAL;
	}
	percpu = calloc((size_t)ncpus, sizeof(*percpu));
	if (!percpu) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	for (uint32_t slot = 0; slot < HB_MIX_SLOTS && !err; slot++) {
		uint64_t sum = 0;

		err = bpf_map__lookup_elem(map, &slot, sizeof(slot), percpu,
					   (size_t)ncpus * sizeof(*percpu), 0);
		if (err) {
			snprintf(why, len, "cannot read the syscall counters: %s", strerror(-err));
			break;
		}
		for (int cpu = 0; cpu < ncpus; cpu++)
			sum += percpu[cpu];
		if (slot < HB_MIX_SLOT_COMPAT)
			c->native[slot] = sum;
		else if (slot < HB_MIX_SLOT_OUTSIDE)
			c->compat[slot - HB_MIX_SLOT_COMPAT] = sum;
		else
			c->outside = sum;
	}
	free(percpu);
	return err;
}

int hb_syscall_count(double seconds, hb_syscall_progress progress, void *ctx,
		     struct hb_syscall_counts *c, char *why, size_t len)
{
	struct syscall_count_bpf *skel = NULL;
	struct stat ns;
	uint64_t t0;
	int err;

	memset(c, 0, sizeof(*c));
	err = hb_prepare(NULL, why, len);
	if (err)
		return err;
	hb_libbpf_verbose(false);
	skel = syscall_count_bpf__open();
	if (!skel) {
		err = -errno;
		snprintf(why, len, "cannot open the syscall counter: %s", strerror(-err));
		goto cleanup;
	}
	if (stat("/proc/self/ns/pid", &ns)) {
		err = -errno;
		snprintf(why, len, "cannot read this process's pid namespace: %s", strerror(-err));
		goto cleanup;
	}
	skel->rodata->hb_self_tgid = (uint32_t)getpid();
	skel->rodata->hb_self_ns_dev = (uint64_t)ns.st_dev;
	skel->rodata->hb_self_ns_ino = (uint64_t)ns.st_ino;
	err = syscall_count_bpf__load(skel);
	if (err) {
		snprintf(why, len, "the kernel refused the syscall counter (raw_tp sys_enter): %s",
			 strerror(-err));
		goto cleanup;
	}
	err = syscall_count_bpf__attach(skel);
	if (err) {
		snprintf(why, len, "cannot attach the syscall counter to raw_tp sys_enter: %s",
			 strerror(-err));
		goto cleanup;
	}
	t0 = hb_clock_ns(CLOCK_MONOTONIC);
	if (progress)
		progress(0, seconds, ctx);
	wait_counting(seconds, progress, ctx, t0);
	/* Detached before reading, so the counts are final and cover exactly these seconds. */
	syscall_count_bpf__detach(skel);
	c->seconds = (double)(hb_clock_ns(CLOCK_MONOTONIC) - t0) / 1e9;
	c->interrupted = atomic_load(&hb_stop_requested);
	err = read_counts(skel->maps.hb_syscall_counts, c, why, len);
cleanup:
	syscall_count_bpf__destroy(skel);
	return err;
}

uint64_t hb_syscall_total(const struct hb_syscall_counts *c)
{
	uint64_t total = c->outside;

	for (size_t nr = 0; nr < HB_MIX_NR_MAX; nr++)
		total += c->native[nr] + c->compat[nr];
	return total;
}
