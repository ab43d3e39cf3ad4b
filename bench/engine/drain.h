/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The user-space side of the ringbuf payload: one thread that reads every
 * ring buffer of the run, on another CPU than the measured one.
 */
#ifndef HB_DRAIN_H
#define HB_DRAIN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "matrix.h"

struct hb_drain {
	pthread_t thread;
	int epfd;
	bool running;
	_Atomic bool stop;
	_Atomic int ran_on_cpu; /* the CPU the thread found itself on; -1 before it ran */
	clockid_t cpu_clock;    /* the thread's CPU-time clock */
};

/*
 * The CPU for the reader: one other than measured, past the `helpers`
 * workload helper threads' CPUs when there are more, else one of theirs;
 * measured itself when this process may use no other. Call it before this
 * thread is pinned, while it may still see every CPU.
 */
unsigned hb_drain_pick_cpu(unsigned measured, unsigned helpers);

/* Start reading the ring buffers of m's ringbuf cells on cpu; nothing to do without any. */
int hb_drain_start(struct hb_drain *d, struct hb_matrix *m, unsigned cpu);

/* CPU time the thread has used so far (0 when not running). */
uint64_t hb_drain_cpu_ns(const struct hb_drain *d);

/* The CPU the reader ran on, or -1 when it never ran (no ringbuf cell). */
int hb_drain_cpu(const struct hb_drain *d);

/* Stop the thread and free what it used. Safe when never started. */
void hb_drain_stop(struct hb_drain *d);

#endif
