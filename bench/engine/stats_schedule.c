// SPDX-License-Identifier: GPL-2.0-only
#include "stats_schedule.h"

/* Blocks due before round r: r * total / nrounds, rounded (both at most 10^6: no overflow). */
static uint64_t due_before(uint64_t total, size_t nrounds, size_t r)
{
	return (total * r + nrounds / 2) / nrounds;
}

uint64_t hb_stats_blocks_in_round(uint64_t total, size_t nrounds, size_t round)
{
	if (nrounds == 0 || round >= nrounds)
		return 0;
	return due_before(total, nrounds, round + 1) - due_before(total, nrounds, round);
}
