// SPDX-License-Identifier: GPL-2.0-only
/* hookbench plot DIR: the charts of a results directory (bench/analysis/plot.h), at the share given. */
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "fleet.h"
#include "plot.h"
#include "results.h"
#include "share_args.h"

static void usage(FILE *f)
{
	fputs("Usage: hookbench plot [--share P | --mix FILE] DIR\n\n"
	      "Draw the charts of a results directory into DIR/charts/, each as PNG and SVG,\n"
	      "with gnuplot: overhead, breakdown, blocks, threads, missed and breakeven, each\n"
	      "when the run has what it shows; for a merged directory the fleet heat map.\n"
	      "Axes are in the run's unit; the break-even chart marks the unlinkat share.\n"
	      "See hookbench(1).\n\n"
	      "Options:\n" CLI_SHARE_OPTIONS "\n"
	      "Examples:\n  hookbench plot results/20261126T120000Z\n"
	      "  hookbench plot --share 0.5 results/20261126T120000Z\n", f);
}

int cmd_plot(int argc, char **argv)
{
	struct hb_results r;
	char why[512];
	int err, rc;

	if (!cli_results_at_share(argc, argv, usage, &r, NULL, &rc))
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
