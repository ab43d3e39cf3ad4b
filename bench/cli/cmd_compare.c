// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench compare BASE NEW: the estimates of two result sets side by side
 * (two runs, two machines, or two kernels of a VM matrix), and whether each
 * change is significant.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "compare.h"
#include "parse.h"
#include "results.h"

#define EXIT_REGRESSION 1
#define DEFAULT_THRESHOLD 5.0

static void usage(FILE *f)
{
	fprintf(f,
"Usage: hookbench compare BASE NEW [--threshold PCT]\n"
"\n"
"Compare two results directories row by row. A change is significant when\n"
"the two 95%% intervals do not overlap and it exceeds PCT%% of BASE's estimate.\n"
"Both must count in one unit (ns, or guest instructions under QEMU -icount).\n"
"\n"
"Options:\n"
"  --threshold PCT   smallest change that counts, in %% (default %.0f)\n"
"\n"
"Exit status: 0 no row got significantly slower; 1 one did; 2 bad input.\n"
"\n"
"Examples:\n"
"  hookbench compare results/reference/fleet/host results/20261126T120000Z\n"
"  hookbench compare results/vm/debian-6.1-cloud results/vm/debian-6.12-cloud --threshold 10\n",
		DEFAULT_THRESHOLD);
}

static int one_option(int c, const char *arg, void *ctx)
{
	double *threshold = ctx;

	if (c == 't' && hb_parse_double(arg, 0.0, 1000.0, threshold)) {
		cli_error("invalid --threshold '%s': must be a percentage in [0, 1000]", arg);
		return -EINVAL;
	}
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{}
	};
	struct hb_results base, next;
	double threshold = DEFAULT_THRESHOLD;
	const struct cli_options co = {
		.opts = opts, .one = one_option, .ctx = &threshold, .usage = usage, .operands = true,
	};
	int regressions, rc = HB_EXIT_USAGE;

	if (cli_parse_options(argc, argv, &co))
		return HB_EXIT_USAGE;
	if (argc - optind != 2) {
		cli_error("compare needs two results directories, BASE and NEW (see --help)");
		return HB_EXIT_USAGE;
	}
	if (cli_load_results("compare", argv[optind], &base))
		return HB_EXIT_USAGE;
	if (cli_load_results("compare", argv[optind + 1], &next))
		goto cleanup_base;
	if (!hb_results_one_unit(&base) || !hb_results_one_unit(&next)) {
		cli_error("compare: %s mixes units (a merged fleet?): compare the runs it was merged "
			  "from", hb_results_one_unit(&base) ? next.dir : base.dir);
		goto cleanup_next;
	}
	if (strcmp(hb_results_unit(&base), hb_results_unit(&next))) {
		cli_error("compare: BASE %s counts %s but NEW %s counts %s: figures in different units "
			  "cannot be compared", base.dir, hb_results_unit(&base), next.dir,
			  hb_results_unit(&next));
		goto cleanup_next;
	}
	regressions = hb_compare(&base, &next, threshold, stdout);
	rc = regressions ? EXIT_REGRESSION : 0;
cleanup_next:
	hb_results_free(&next);
cleanup_base:
	hb_results_free(&base);
	return rc;
}
