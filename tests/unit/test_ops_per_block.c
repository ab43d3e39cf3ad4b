// SPDX-License-Identifier: GPL-2.0-only
/* Calls per block: per mode by default, --ops-per-block for every mode. */
#include "run_opts.h"
#include "storm.h"
#include "tap.h"

/* Each mode's baseline per call in us, measured here once (run_opts.c). */
static const double us_per_call[STORM_MODE_COUNT] = {
	[STORM_MODE_ENOENT] = 1.3, [STORM_MODE_CREATE] = 13.4, [STORM_MODE_OTHER] = 1.0,
	[STORM_MODE_OTHER_REMOTE] = 1.0, [STORM_MODE_CHURN] = 28.3,
};

int main(void)
{
	struct run_opts o = { 0 };
	double enoent_ms = HB_DEFAULT_OPS_PER_BLOCK * us_per_call[STORM_MODE_ENOENT] / 1000;

	TAP_OK(hb_ops_per_block(&o, STORM_MODE_ENOENT) == HB_DEFAULT_OPS_PER_BLOCK,
	       "enoent's default is %d", HB_DEFAULT_OPS_PER_BLOCK);
	TAP_OK(hb_ops_per_block(&o, STORM_MODE_CREATE) == 1000, "create: 1000");
	TAP_OK(hb_ops_per_block(&o, STORM_MODE_CHURN) == 500, "churn: 500");
	for (size_t m = 0; m < STORM_MODE_COUNT; m++) {
		double ms = (double)hb_ops_per_block(&o, m) * us_per_call[m] / 1000;

		TAP_OK(ms > enoent_ms / 2 && ms < enoent_ms * 2,
		       "a default %s block (%.1f ms at the measured cost) is within 2x of enoent's "
		       "(%.1f ms)", storm_mode_names[m], ms, enoent_ms);
	}
	o.ops_per_block = 2000;
	for (size_t m = 0; m < STORM_MODE_COUNT; m++)
		TAP_OK(hb_ops_per_block(&o, m) == 2000, "--ops-per-block 2000 applies to %s",
		       storm_mode_names[m]);
	return tap_done();
}
