// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "runner.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "cpu.h"

#define NSEC_PER_SEC 1000000000ULL
/* Longest the waiting thread sleeps before it looks at the stop flag again. */
#define POLL_NS (100ULL * 1000 * 1000)

/* A start gate: workers arrive and wait; the runner opens it once for all. */
struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned arrived;
	bool open;
};

struct worker {
	pthread_t tid;
	struct gate *gate;
	const struct storm_run *run;
	uint64_t n;
	int dirfd;
	int cpu;		/* -1: not pinned */
	int pin_err;
	int loop_err;
	uint64_t done;
	uint64_t end_ns;
};

static uint64_t now_ns(void)
{
	return hb_clock_ns(CLOCK_MONOTONIC);
}

static void gate_arrive(struct gate *g)
{
	pthread_mutex_lock(&g->mu);
	g->arrived++;
	pthread_cond_broadcast(&g->cv);
	while (!g->open)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
}

static void gate_wait_arrivals(struct gate *g, unsigned count)
{
	pthread_mutex_lock(&g->mu);
	while (g->arrived < count)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
}

/* Release every waiting worker; returns the release time. */
static uint64_t gate_open(struct gate *g)
{
	uint64_t t;

	pthread_mutex_lock(&g->mu);
	t = now_ns();
	g->open = true;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	return t;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	if (w->cpu >= 0)
		w->pin_err = hb_pin_to_cpu((unsigned)w->cpu);
	gate_arrive(w->gate);
	/* The runner sets stop before opening the gate if any pinning failed. */
	w->loop_err = storm_loop(w->run->mode, w->dirfd, w->n, w->run->stop,
				 &w->done);
	w->end_ns = now_ns();
	if (w->loop_err)
		atomic_store(w->run->stop, true);
	return NULL;
}

static void sleep_until(uint64_t t)
{
	struct timespec ts = {
		.tv_sec = (time_t)(t / NSEC_PER_SEC),
		.tv_nsec = (long)(t % NSEC_PER_SEC),
	};

	/* EINTR is fine: the caller re-checks the stop flag. */
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

/*
 * Sleep in slices rather than once: a signal handler or a failing worker
 * may set the stop flag just before we go to sleep, and a slice bounds how
 * late we notice. Clocks are read here, never in the measured loop.
 */
static void wait_duration(struct storm_run *r, uint64_t start)
{
	uint64_t deadline = start + (uint64_t)(r->duration_s * NSEC_PER_SEC);

	while (!atomic_load(r->stop)) {
		uint64_t now = now_ns();

		if (now >= deadline)
			break;
		sleep_until(deadline - now > POLL_NS ? now + POLL_NS : deadline);
	}
	atomic_store(r->stop, true);
}

static int start_workers(struct storm_run *r, struct worker *w,
			 struct gate *g, unsigned *started)
{
	sigset_t block, old;
	int err = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	/* Threads inherit the mask: only the calling thread takes these signals. */
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (unsigned i = 0; i < r->scratch->nthreads; i++) {
		w[i] = (struct worker){
			.gate = g,
			.run = r,
			.n = r->duration_s > 0 ? UINT64_MAX : r->iterations,
			.dirfd = r->scratch->thread_fd[i],
			.cpu = r->ncpus ? (int)r->cpus[i % r->ncpus] : -1,
		};
		err = -pthread_create(&w[i].tid, NULL, worker_main, &w[i]);
		if (err) {
			snprintf(r->failed, sizeof(r->failed), "create thread %u", i);
			goto cleanup;
		}
		*started = i + 1;
	}
cleanup:
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}

/* First pinning error, with r->failed set; 0 if every thread is pinned. */
static int check_pinning(struct storm_run *r, const struct worker *w,
			 unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (w[i].pin_err) {
			snprintf(r->failed, sizeof(r->failed),
				 "pin thread %u to CPU %d", i, w[i].cpu);
			return w[i].pin_err;
		}
	}
	return 0;
}

int storm_run(struct storm_run *r)
{
	struct gate g = {
		.mu = PTHREAD_MUTEX_INITIALIZER,
		.cv = PTHREAD_COND_INITIALIZER,
	};
	struct worker w[STORM_MAX_THREADS];
	uint64_t start, end = 0;
	unsigned started = 0;
	int err;

	r->ops = 0;
	r->elapsed_ns = 0;
	r->failed[0] = '\0';
	memset(r->thread_ops, 0, sizeof(r->thread_ops));
	err = start_workers(r, w, &g, &started);
	if (err)
		atomic_store(r->stop, true);
	/* Workers arrive after pinning, so the pin results are visible now. */
	gate_wait_arrivals(&g, started);
	if (!err) {
		err = check_pinning(r, w, started);
		if (err)
			atomic_store(r->stop, true);
	}
	start = gate_open(&g);
	if (!err && r->duration_s > 0)
		wait_duration(r, start);
	for (unsigned i = 0; i < started; i++) {
		pthread_join(w[i].tid, NULL);
		r->thread_ops[i] = w[i].done;
		r->ops += w[i].done;
		if (w[i].end_ns > end)
			end = w[i].end_ns;
		if (w[i].loop_err && !err) {
			err = w[i].loop_err;
			snprintf(r->failed, sizeof(r->failed),
				 "run storm in thread %u", i);
		}
	}
	r->elapsed_ns = end > start ? end - start : 0;
	pthread_mutex_destroy(&g.mu);
	pthread_cond_destroy(&g.cv);
	return err;
}
