/* SPDX-License-Identifier: GPL-2.0-only */
/* Deterministic random numbers for synthetic series (splitmix64). */
#ifndef HB_SYNTH_H
#define HB_SYNTH_H

#include <math.h>
#include <stdint.h>

struct synth {
	uint64_t state;
};

static inline uint64_t synth_next(struct synth *g)
{
	uint64_t z = (g->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform on (0, 1]. */
static inline double synth_uniform(struct synth *g)
{
	return (double)((synth_next(g) >> 11) + 1) * 0x1p-53;
}

/* Standard normal (Box-Muller, one of the pair). */
static inline double synth_normal(struct synth *g)
{
	double r = sqrt(-2.0 * log(synth_uniform(g)));

	return r * cos(2.0 * M_PI * synth_uniform(g));
}

#endif
