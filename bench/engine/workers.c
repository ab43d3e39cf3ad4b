// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "workers.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "cpu.h"

struct helper {
	struct hb_workers *w;
	unsigned index;
	pthread_t thread;
	bool started;
};

struct hb_workers {
	pthread_mutex_t lock;
	pthread_cond_t go, done;
	uint64_t generation;   /* bumped for each block */
	unsigned active;       /* threads in the current block */
	unsigned pending;      /* helpers still running it */
	bool quit;
	const struct hb_job *job;
	struct hb_job_result *res;
	unsigned n;
	struct helper helpers[HB_MAX_THREADS];
};

static void run_share(const struct hb_job *job, unsigned index, struct hb_job_result *r)
{
	uint64_t done, c0, t0;

	r->err = storm_loop(job->mode, job->dirfds[index], job->preroll, NULL, &done);
	if (r->err)
		return;
	c0 = hb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	t0 = hb_clock_ns(CLOCK_MONOTONIC);
	r->err = storm_loop(job->mode, job->dirfds[index], job->ops, NULL, &done);
	r->wall_ns = hb_clock_ns(CLOCK_MONOTONIC) - t0;
	r->cpu_ns = hb_clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
}

static void *helper_main(void *arg)
{
	struct helper *h = arg;
	struct hb_workers *w = h->w;
	uint64_t seen = 0;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->quit && (w->generation == seen || h->index >= w->active))
			pthread_cond_wait(&w->go, &w->lock);
		if (w->quit)
			break;
		seen = w->generation;
		pthread_mutex_unlock(&w->lock);
		run_share(w->job, h->index, &w->res[h->index]);
		pthread_mutex_lock(&w->lock);
		if (--w->pending == 0)
			pthread_cond_signal(&w->done);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int hb_workers_start(struct hb_workers **out, unsigned n, const unsigned *cpus)
{
	struct hb_workers *w;
	int err = 0;

	if (n < 1 || n > HB_MAX_THREADS)
		return -EINVAL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->go, NULL);
	pthread_cond_init(&w->done, NULL);
	w->n = n;
	for (unsigned i = 1; i < n && !err; i++) {
		struct helper *h = &w->helpers[i];
		pthread_attr_t attr;

		h->w = w;
		h->index = i;
		pthread_attr_init(&attr);
		hb_attr_pin_to_cpu(&attr, cpus[i]);
		err = -pthread_create(&h->thread, &attr, helper_main, h);
		pthread_attr_destroy(&attr);
		h->started = !err;
	}
	if (err) {
		hb_workers_stop(w);
		return err;
	}
	*out = w;
	return 0;
}

int hb_workers_run(struct hb_workers *w, unsigned nthreads, const struct hb_job *job,
		   struct hb_job_result *res)
{
	int err = 0;

	if (nthreads < 1 || nthreads > w->n)
		return -EINVAL;
	memset(res, 0, nthreads * sizeof(*res));
	pthread_mutex_lock(&w->lock);
	w->job = job;
	w->res = res;
	w->active = nthreads;
	w->pending = nthreads - 1;
	w->generation++;
	pthread_cond_broadcast(&w->go);
	pthread_mutex_unlock(&w->lock);
	run_share(job, 0, &res[0]);
	pthread_mutex_lock(&w->lock);
	while (w->pending)
		pthread_cond_wait(&w->done, &w->lock);
	pthread_mutex_unlock(&w->lock);
	for (unsigned i = 0; i < nthreads && !err; i++)
		err = res[i].err;
	return err;
}

void hb_workers_stop(struct hb_workers *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->quit = true;
	pthread_cond_broadcast(&w->go);
	pthread_mutex_unlock(&w->lock);
	for (unsigned i = 1; i < w->n; i++)
		if (w->helpers[i].started)
			pthread_join(w->helpers[i].thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->go);
	pthread_cond_destroy(&w->done);
	free(w);
}
