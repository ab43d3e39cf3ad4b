/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where the bpf_stats blocks go: spread over the measured rounds, so the
 * in-program cost is sampled across the run as the overhead is, not in a
 * batch at its end.
 */
#ifndef HB_STATS_SCHEDULE_H
#define HB_STATS_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

/*
 * How many of a cell's total stats blocks follow its visit in measured
 * round `round` of nrounds: over all rounds they add up to total, and the
 * rounds that get one are evenly spaced (every round gets at least
 * total / nrounds).
 */
uint64_t hb_stats_blocks_in_round(uint64_t total, size_t nrounds, size_t round);

#endif
