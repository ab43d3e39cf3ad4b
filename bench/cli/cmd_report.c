// SPDX-License-Identifier: GPL-2.0-only
/* hookbench report DIR: DIR/report.md (bench/analysis/report_md.h), charts drawn first if missing. */
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

static const char help[] =
	"Usage: hookbench report DIR\n\n"
	"Write DIR/report.md: first the verdict (the cheapest hook per unlinkat, what the\n"
	"tracepoint and the kprobe add per unlinkat and per other syscall, the unlinkat\n"
	"share where the answer flips), the best hook and the noise floor (the control\n"
	"row, nothing attached: the smallest difference the run resolves), a verdict\n"
	"table per payload x mode x threads (hook, x vs the reference hook with its\n"
	"interval, added ns/event with its 95% CI within the run and where another run\n"
	"should land, in-program ns, missed/dropped, attach point stability; runs without\n"
	"ratios: ranked by added ns/event, x vs tracepoint), where the added cost goes\n"
	"(dispatch and body, when the run measured the empty payload), the break-even\n"
	"between hooks (runs with mode other; else how to get it), the charts (drawn\n"
	"first when DIR/charts/ is missing), the hyperfine cross-check when\n"
	"DIR/hyperfine.csv exists, the caveats it detects (emulated timings, intervals\n"
	"wider than 10%, mismatches, skipped hooks, a biased pairing, speed states, a\n"
	"cross-check that disagrees or is inconclusive, BPF programs already on the\n"
	"syscall path), the environment and the command that reproduces the run.\n"
	"Every figure is in the run's unit (summary.csv's unit column): ns, or guest\n"
	"instructions for a run timed under QEMU -icount.\n\n"
	"On a directory made by 'hookbench merge' it writes the fleet page instead: the\n"
	"kernels (arch, host, unit of their figures, the symbol the kprobe family attached\n"
	"to, whether fentry attached), a hook x kernel table of the cost relative to each\n"
	"kernel's reference hook with its interval (the lead payload x mode x threads, then\n"
	"the others), the heat map (charts/fleet.png), which hooks did not run where and\n"
	"why, and the sources every row came from.\n\n"
	"Examples:\n  hookbench report results/20261126T120000Z\n"
	"  hookbench merge results/host results/vm-matrix --out results/fleet && hookbench report results/fleet";

int cmd_report(int argc, char **argv)
{
	struct hb_results r;
	char path[PATH_MAX + 32], why[512];
	int err, rc;

	if (!cli_one_results_dir(argc, argv, help, &r, &rc))
		return rc;
	if (hb_fleet_is_merged(&r)) {
		if (!hb_fleet_plot_drawn(&r) && hb_fleet_plot(&r, why, sizeof(why)))
			fprintf(stderr, "hookbench: report: without the heat map: %s\n", why);
		err = hb_fleet_report_write(&r, path, sizeof(path));
	} else {
		if (!hb_plot_drawn(&r) && hb_plot(&r, why, sizeof(why)))
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
