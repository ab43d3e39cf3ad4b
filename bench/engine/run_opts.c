// SPDX-License-Identifier: GPL-2.0-only
#include "run_opts.h"

const char *const hb_clock_names[HB_CLOCK_MAX] = {
	[HB_CLOCK_CPU] = "cpu",
	[HB_CLOCK_WALL] = "wall",
};

bool run_opts_has_mode(const struct run_opts *o, size_t mode)
{
	for (size_t i = 0; i < o->nmodes; i++)
		if (o->modes[i] == mode)
			return true;
	return false;
}
