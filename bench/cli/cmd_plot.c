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
	"with gnuplot: overhead, breakdown, blocks, threads, missed and breakeven, each\n"
	"when the run has what it shows; for a merged directory the fleet heat map.\n"
	"Axes are in the run's unit. See hookbench(1).\n\n"
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
