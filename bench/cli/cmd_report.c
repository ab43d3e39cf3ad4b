// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench report DIR: DIR/report.md (bench/analysis/report_md.h), charts
 * drawn first if missing, at the unlinkat share given (bench/analysis/share.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fleet.h"
#include "plot.h"
#include "report_md.h"
#include "results.h"
#include "share_args.h"

static void usage(FILE *f)
{
	fputs("Usage: hookbench report [--share P | --mix FILE] DIR\n\n"
	      "Write DIR/report.md. Its first screen is the decision: the hook to use where\n"
	      "unlinkat() is the share given of all syscalls (hooks whose intervals overlap\n"
	      "named together), where that flips, the kprobe half, the checks, one table and\n"
	      "the break-even chart. An appendix has every figure, the cross-check, caveats,\n"
	      "the environment and the command that reproduces the run. Charts are drawn\n"
	      "first when DIR/charts/ is missing, or again at a share given. On a directory\n"
	      "made by 'hookbench merge', the fleet page.\n"
	      "See hookbench(1).\n\n"
	      "Options:\n" CLI_SHARE_OPTIONS "\n"
	      "Examples:\n  hookbench report results/20261126T120000Z\n"
	      "  hookbench report --mix mix.csv results/20261126T120000Z\n"
	      "  hookbench merge results/host results/vm-matrix --out results/fleet && hookbench report results/fleet\n",
	      f);
}

int cmd_report(int argc, char **argv)
{
	struct hb_results r;
	char path[PATH_MAX + 32], why[512];
	bool share_given;
	int err, rc;

	if (!cli_results_at_share(argc, argv, usage, &r, &share_given, &rc))
		return rc;
	if (hb_fleet_is_merged(&r)) {
		if (!hb_fleet_plot_drawn(&r) && hb_fleet_plot(&r, why, sizeof(why)))
			fprintf(stderr, "hookbench: report: without the heat map: %s\n", why);
		err = hb_fleet_report_write(&r, path, sizeof(path));
	} else {
		/* A break-even chart marking another share is drawn again. */
		if ((share_given || !hb_plot_drawn(&r) || !hb_plot_breakeven_marks(&r)) &&
		    hb_plot(&r, why, sizeof(why)))
			fprintf(stderr, "hookbench: report: without charts: %s\n", why);
		err = hb_report_write(&r, path, sizeof(path));
	}
	cli_give_results(r.dir, (const char *const[]){ "charts", "report.md" }, 2);
	if (err)
		cli_error("report: cannot write %s: %s", path, strerror(-err));
	else
		printf("report: %s\n", path);
	hb_results_free(&r);
	return err ? 1 : 0;
}
