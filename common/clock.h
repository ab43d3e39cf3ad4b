/* SPDX-License-Identifier: GPL-2.0-only */
/* A clock read as nanoseconds: inline, since blocks are timed with it. */
#ifndef HB_CLOCK_H
#define HB_CLOCK_H

#include <stdint.h>
#include <time.h>

/* clock's current value in ns; 0 when the clock cannot be read. */
static inline uint64_t hb_clock_ns(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#endif
