// SPDX-License-Identifier: GPL-2.0-only
/* hookbench report DIR: DIR/report.md (bench/analysis/report_md.h), charts drawn first if missing. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "plot.h"
#include "report_md.h"
#include "results.h"

static const char help[] =
	"Usage: hookbench report DIR\n\n"
	"Write DIR/report.md: the best hook and the noise floor (the control row, nothing\n"
	"attached: the smallest difference the run resolves), a verdict table per payload\n"
	"x mode x threads (hook, x vs the reference hook with its interval, added ns/event\n"
	"with its 95% CI within the run and where another run should land, in-program ns,\n"
	"missed/dropped, attach point stability; runs without ratios: ranked by added\n"
	"ns/event, x vs tracepoint), where the added cost goes (dispatch and body, when\n"
	"the run measured the empty payload), the charts (drawn first when DIR/charts/ is\n"
	"missing), the hyperfine cross-check when DIR/hyperfine.csv exists, the caveats it\n"
	"detects (emulated timings, intervals wider than 10%, mismatches, skipped hooks,\n"
	"a biased pairing, speed states, a cross-check that disagrees or is inconclusive,\n"
	"BPF programs already on the syscall path), the environment and the command that\n"
	"reproduces the run.\n\n"
	"Example:\n  hookbench report results/20261126T120000Z";

int cmd_report(int argc, char **argv)
{
	struct hb_results r;
	char path[PATH_MAX + 32], why[512];
	int err, rc;

	if (!cli_one_results_dir(argc, argv, help, &r, &rc))
		return rc;
	if (!hb_plot_drawn(&r) && hb_plot(&r, why, sizeof(why)))
		fprintf(stderr, "hookbench: report: without charts: %s\n", why);
	err = hb_report_write(&r, path, sizeof(path));
	cli_give_results(r.dir, (const char *const[]){ "charts", "report.md" }, 2);
	if (err)
		cli_error("report: cannot write %s: %s", path, strerror(-err));
	else
		printf("report: %s\n", path);
	hb_results_free(&r);
	return err ? 1 : 0;
}
