/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HB_CPU_H
#define HB_CPU_H

#include <pthread.h>

/*
 * The CPU measurements run on by default: the highest-numbered one this
 * process may run on (CPU 0 takes most interrupts); 0 when that is unknown.
 */
unsigned hb_default_cpu(void);

/* Number of configured CPUs (valid CPU numbers are below it). */
unsigned hb_ncpus(void);

/* How many CPUs this process may run on. */
unsigned hb_usable_cpus(void);

/* Up to n CPUs this process may use other than cpu, highest first; returns how many. */
unsigned hb_other_cpus(unsigned cpu, unsigned *out, unsigned n);

/* Pin the calling thread to cpu. 0 or -errno. */
int hb_pin_to_cpu(unsigned cpu);

/* Make threads created with attr start pinned to cpu. 0 or -errno. */
int hb_attr_pin_to_cpu(pthread_attr_t *attr, unsigned cpu);

#endif
