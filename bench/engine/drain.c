// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "drain.h"

#include "clock.h"
#include "cpu.h"
#include "workers.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

static void *drain_main(void *arg)
{
	struct hb_drain *d = arg;
	struct epoll_event evs[16];

	atomic_store(&d->ran_on_cpu, sched_getcpu());
	while (!atomic_load(&d->stop)) {
		int n = epoll_wait(d->epfd, evs, 16, 50);

		for (int i = 0; i < n; i++)
			hb_session_ringbuf_poll(evs[i].data.ptr, 0);
	}
	return NULL;
}

unsigned hb_drain_pick_cpu(unsigned measured, unsigned helpers)
{
	unsigned others[HB_MAX_THREADS + 1];
	unsigned want = helpers < HB_MAX_THREADS ? helpers + 1 : HB_MAX_THREADS + 1;
	unsigned found = hb_other_cpus(measured, others, want);

	if (found == 0)
		return measured;
	/* hb_other_cpus() lists the same CPUs in the same order the helpers got theirs. */
	return found > helpers ? others[helpers] : others[0];
}

int hb_drain_start(struct hb_drain *d, struct hb_matrix *m, unsigned cpu)
{
	pthread_attr_t attr;
	int added = 0, err = 0;

	memset(d, 0, sizeof(*d));
	atomic_store(&d->ran_on_cpu, -1);
	d->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (d->epfd < 0)
		return -errno;
	for (size_t i = 0; i < m->n; i++) {
		struct hb_session *s = m->cells[i].session;
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = s };
		int fd = s ? hb_session_ringbuf_fd(s) : -1;

		if (fd < 0)
			continue;
		if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev)) {
			err = -errno;
			goto fail;
		}
		added++;
	}
	if (!added)
		return 0;
	pthread_attr_init(&attr);
	/* Explicitly: a thread inherits the affinity of its creator, pinned to the measured CPU. */
	err = hb_attr_pin_to_cpu(&attr, cpu);
	if (!err)
		err = -pthread_create(&d->thread, &attr, drain_main, d);
	pthread_attr_destroy(&attr);
	if (err)
		goto fail;
	d->running = true;
	if (pthread_getcpuclockid(d->thread, &d->cpu_clock))
		d->cpu_clock = CLOCK_THREAD_CPUTIME_ID;
	return 0;
fail:
	close(d->epfd);
	d->epfd = -1;
	return err;
}

uint64_t hb_drain_cpu_ns(const struct hb_drain *d)
{
	return d->running ? hb_clock_ns(d->cpu_clock) : 0;
}

int hb_drain_cpu(const struct hb_drain *d)
{
	return atomic_load(&d->ran_on_cpu);
}

void hb_drain_stop(struct hb_drain *d)
{
	if (d->running) {
		atomic_store(&d->stop, true);
		pthread_join(d->thread, NULL);
		d->running = false;
	}
	if (d->epfd > 0)
		close(d->epfd);
	d->epfd = -1;
}
