// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench compare BASE NEW: the estimates of two result sets side by side
 * (two runs, two machines, or two kernels of a VM matrix), and whether each
 * change is significant; with --fail-above, a gate a CI can act on.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "compare.h"
#include "gate.h"
#include "parse.h"
#include "results.h"

#define EXIT_REGRESSION 1
#define EXIT_GATE_FAILED 4
#define DEFAULT_THRESHOLD 5.0
#define MAX_HOOK_PATTERNS 32

struct compare_opts {
	double threshold;
	bool threshold_given;
	double fail_above; /* NAN: no gate */
	const char *hooks[MAX_HOOK_PATTERNS];
	size_t nhooks;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: hookbench compare BASE NEW [--threshold PCT]\n"
"       hookbench compare BASE NEW --fail-above PCT [--hook PATTERN]...\n"
"\n"
"Compare two results directories row by row. A change is significant when\n"
"the two 95%% intervals do not overlap and it exceeds PCT%% of BASE's estimate.\n"
"Both must count in one unit (ns, or guest instructions under QEMU -icount).\n"
"\n"
"With --fail-above PCT, a gate for CI: a row fails when NEW's between-run low\n"
"end is above BASE's between-run high end + PCT%% of it, judged on the ratio to\n"
"the reference hook when both runs have its between-run interval, else on the\n"
"added cost (a run's 95%% CI where it has no between-run interval).\n"
"\n"
"Options:\n"
"  --threshold PCT    smallest change that counts, in %% (default %.0f)\n"
"  --fail-above PCT   gate: fail when a row grew more than PCT%% beyond BASE\n"
"  --hook PATTERN     gate only rows whose hook matches this shell pattern\n"
"                     (repeatable; default every row)\n"
"\n"
"Exit status: 0 no row got significantly slower (with --fail-above: no row\n"
"failed the gate); 1 one did; 2 bad input, or no row to gate; 4 with\n"
"--fail-above: a row failed the gate.\n"
"\n"
"Examples:\n"
"  hookbench compare results/reference/fleet/host results/20261126T120000Z\n"
"  hookbench compare results/vm/debian-6.1-cloud results/vm/debian-6.12-cloud --threshold 10\n"
"  hookbench compare results/main results/pr --fail-above 20 --hook 'prog:*'\n",
		DEFAULT_THRESHOLD);
}

static int one_option(int c, const char *arg, void *ctx)
{
	struct compare_opts *o = ctx;

	switch (c) {
	case 't':
		if (hb_parse_double(arg, 0.0, 1000.0, &o->threshold)) {
			cli_error("invalid --threshold '%s': must be a percentage in [0, 1000]", arg);
			return -EINVAL;
		}
		o->threshold_given = true;
		return 0;
	case 'f':
		if (hb_parse_double(arg, 0.0, 10000.0, &o->fail_above)) {
			cli_error("invalid --fail-above '%s': must be a percentage in [0, 10000]", arg);
			return -EINVAL;
		}
		return 0;
	case 'k':
		if (o->nhooks == MAX_HOOK_PATTERNS) {
			cli_error("compare: more than %d --hook patterns", MAX_HOOK_PATTERNS);
			return -EINVAL;
		}
		o->hooks[o->nhooks++] = arg;
		return 0;
	}
	return -EINVAL;
}

/* The gate's verdict as an exit status. */
static int gate(const struct hb_results *base, const struct hb_results *next,
		const struct compare_opts *o)
{
	const struct hb_gate_opts go = { .pct = o->fail_above, .hooks = o->hooks, .nhooks = o->nhooks };
	struct hb_gate_outcome out = hb_gate(base, next, &go, stdout);

	if (!out.gated) {
		cli_error("compare: nothing to gate: no row%s is ok with an interval in both BASE and NEW",
			  o->nhooks ? " of the hooks --hook selects" : "");
		return HB_EXIT_USAGE;
	}
	return out.failed ? EXIT_GATE_FAILED : 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "fail-above", required_argument, NULL, 'f' },
		{ "hook", required_argument, NULL, 'k' },
		{}
	};
	struct hb_results base, next;
	struct compare_opts o = { .threshold = DEFAULT_THRESHOLD, .fail_above = NAN };
	const struct cli_options co = {
		.opts = opts, .one = one_option, .ctx = &o, .usage = usage, .operands = true,
	};
	bool gating;
	int rc = HB_EXIT_USAGE;

	if (cli_parse_options(argc, argv, &co))
		return HB_EXIT_USAGE;
	gating = !isnan(o.fail_above);
	if (gating && o.threshold_given) {
		cli_error("compare: --threshold is the table's, --fail-above the gate's: give one");
		return HB_EXIT_USAGE;
	}
	if (!gating && o.nhooks) {
		cli_error("compare: --hook selects the rows --fail-above gates: give --fail-above too");
		return HB_EXIT_USAGE;
	}
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
	if (gating)
		rc = gate(&base, &next, &o);
	else
		rc = hb_compare(&base, &next, o.threshold, stdout) ? EXIT_REGRESSION : 0;
cleanup_next:
	hb_results_free(&next);
cleanup_base:
	hb_results_free(&base);
	return rc;
}
