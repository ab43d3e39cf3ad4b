// SPDX-License-Identifier: GPL-2.0-only
#include "run_opts.h"

#include "storm.h"

const char *const hb_clock_names[HB_CLOCK_MAX] = {
	[HB_CLOCK_CPU] = "cpu",
	[HB_CLOCK_WALL] = "wall",
};

/*
 * Each mode's call costs about this many enoent calls. Baseline per call
 * measured with `hookbench run --hooks tracepoint --mode M --blocks 12` on a
 * 2-vCPU VM (kernel 6.18, scratch on ext4): enoent 1.4 us, other and
 * other_remote 1.0-1.1 us, create 12-31 us, churn 19-38 us. create and churn
 * write the disk: while it is busy they run at 110-150 us.
 */
static const uint64_t enoent_calls_per_call[STORM_MODE_COUNT] = {
	[STORM_MODE_ENOENT] = 1,
	[STORM_MODE_CREATE] = 10,
	[STORM_MODE_OTHER] = 1,
	[STORM_MODE_OTHER_REMOTE] = 1,
	[STORM_MODE_CHURN] = 20,
};

uint64_t hb_default_ops_per_block(size_t mode)
{
	uint64_t per = mode < STORM_MODE_COUNT ? enoent_calls_per_call[mode] : 1;

	return HB_DEFAULT_OPS_PER_BLOCK / per;
}

uint64_t hb_ops_per_block(const struct run_opts *o, size_t mode)
{
	return o->ops_per_block ? o->ops_per_block : hb_default_ops_per_block(mode);
}

bool run_opts_has_mode(const struct run_opts *o, size_t mode)
{
	for (size_t i = 0; i < o->nmodes; i++)
		if (o->modes[i] == mode)
			return true;
	return false;
}
