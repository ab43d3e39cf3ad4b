// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "cpu.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

unsigned hb_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	return n > 0 ? (unsigned)n : 1;
}

unsigned hb_default_cpu(void)
{
	cpu_set_t set;
	unsigned last = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (unsigned c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			last = c;
	return last;
}

int hb_pin_to_cpu(unsigned cpu)
{
	cpu_set_t set;

	if (cpu >= CPU_SETSIZE)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}

int hb_attr_pin_to_cpu(pthread_attr_t *attr, unsigned cpu)
{
	cpu_set_t set;

	if (cpu >= CPU_SETSIZE)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return -pthread_attr_setaffinity_np(attr, sizeof(set), &set);
}

unsigned hb_usable_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 1;
	return (unsigned)CPU_COUNT(&set);
}

unsigned hb_other_cpus(unsigned cpu, unsigned *out, unsigned n)
{
	unsigned found = 0;
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (int c = CPU_SETSIZE - 1; c >= 0 && found < n; c--)
		if (CPU_ISSET(c, &set) && (unsigned)c != cpu)
			out[found++] = (unsigned)c;
	return found;
}
