// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "drain.h"

#include "clock.h"

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

	while (!atomic_load(&d->stop)) {
		int n = epoll_wait(d->epfd, evs, 16, 50);

		for (int i = 0; i < n; i++)
			hb_session_ringbuf_poll(evs[i].data.ptr, 0);
	}
	return NULL;
}

/* Any CPU we may run on but the measured one; -1 when there is none. */
static int other_cpu(unsigned avoid)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -1;
	for (int c = CPU_SETSIZE - 1; c >= 0; c--)
		if (CPU_ISSET(c, &set) && (unsigned)c != avoid)
			return c;
	return -1;
}

int hb_drain_start(struct hb_drain *d, struct hb_matrix *m, unsigned avoid_cpu)
{
	pthread_attr_t attr;
	cpu_set_t set;
	int cpu, added = 0, err = 0;

	memset(d, 0, sizeof(*d));
	d->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (d->epfd < 0)
		return -errno;
	for (size_t i = 0; i < m->n; i++) {
		struct hb_session *s = m->cells[i].session;
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = s };
		int fd = s ? hb_session_ringbuf_fd(s) : -1;

		if (fd < 0)
			continue;
		if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev))
			return -errno;
		added++;
	}
	if (!added)
		return 0;
	pthread_attr_init(&attr);
	cpu = other_cpu(avoid_cpu);
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	}
	err = -pthread_create(&d->thread, &attr, drain_main, d);
	pthread_attr_destroy(&attr);
	if (err)
		return err;
	d->running = true;
	if (pthread_getcpuclockid(d->thread, &d->cpu_clock))
		d->cpu_clock = CLOCK_THREAD_CPUTIME_ID;
	return 0;
}

uint64_t hb_drain_cpu_ns(const struct hb_drain *d)
{
	return d->running ? hb_clock_ns(d->cpu_clock) : 0;
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
