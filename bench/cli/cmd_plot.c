// SPDX-License-Identifier: GPL-2.0-only
/* hookbench plot DIR: the charts of a results directory (bench/analysis/plot.h). */
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "fleet.h"
#include "plot.h"
#include "results.h"

static const char help[] =
	"Usage: hookbench plot DIR\n\n"
	"Draw the charts of a results directory into DIR/charts/, each as PNG and SVG,\n"
	"with the gnuplot scripts in scripts/plot/ (or $HOOKBENCH_DATADIR/plot):\n"
	"  overhead   added ns per unlinkat() per hook and payload, 95% CI bars, sorted\n"
	"  breakdown  per hook: dispatch (the empty payload's added cost) and body stacked\n"
	"             against the whole, in-program time (bpf_stats) beside; runs without\n"
	"             the empty payload: in-program cost against the rest\n"
	"  blocks     every block's ns per call in run order, baseline against hooked,\n"
	"             each speed state's baseline level shaded\n"
	"  threads    added cost against workload threads (runs with several counts)\n"
	"  missed     nmissed, recursion misses, ring buffer drops (when any)\n"
	"  breakeven  added cost per 1000 syscalls against the share that are unlinkat()\n"
	"             (runs with mode other: E from enoent, O from other/other_remote)\n"
	"Axes are in the run's unit: ns, or guest instructions for a QEMU -icount run.\n"
	"Hooks that were not measured are left out and named under the chart, and so is\n"
	"the control row (nothing attached).\n"
	"A directory made by 'hookbench merge' gets the fleet heat map instead:\n"
	"  fleet      hooks x kernels, each cell the hook's cost relative to its kernel's\n"
	"             reference hook (log colour scale), grey where it did not run\n\n"
	"Example:\n  hookbench plot results/20261126T120000Z";

int cmd_plot(int argc, char **argv)
{
	struct hb_results r;
	char why[512];
	int err, rc;

	if (!cli_one_results_dir(argc, argv, help, &r, &rc))
		return rc;
	err = hb_fleet_is_merged(&r) ? hb_fleet_plot(&r, why, sizeof(why)) : hb_plot(&r, why, sizeof(why));
	cli_give_results(r.dir, (const char *const[]){ "charts" }, 1);
	if (err)
		cli_error("plot: %s", why);
	else
		printf("charts: %s/charts\n", r.dir);
	hb_results_free(&r);
	return err ? 1 : 0;
}
