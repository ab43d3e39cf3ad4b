// SPDX-License-Identifier: GPL-2.0-only
#include "share_args.h"

#include <getopt.h>

#include "cli.h"
#include "results.h"
#include "share.h"

struct share_args {
	const char *share, *mix;
};

static int one_option(int c, const char *arg, void *ctx)
{
	struct share_args *a = ctx;

	if (c == 's')
		a->share = arg;
	else
		a->mix = arg;
	return 0;
}

bool cli_results_at_share(int argc, char **argv, void (*usage)(FILE *f), struct hb_results *r,
			  bool *given, int *rc)
{
	static const struct option opts[] = {
		{ "share", required_argument, NULL, 's' },
		{ "mix", required_argument, NULL, 'm' },
		{}
	};
	struct share_args a = { NULL, NULL };
	const struct cli_options co = {
		.opts = opts, .one = one_option, .ctx = &a, .usage = usage, .operands = true,
	};
	char why[512];
	int got;

	*rc = HB_EXIT_USAGE;
	if (cli_parse_options(argc, argv, &co))
		return false;
	if (argc - optind != 1) {
		cli_error("%s needs one results directory (see --help)", argv[0]);
		return false;
	}
	if (cli_load_results(argv[0], argv[optind], r))
		return false;
	got = hb_share_resolve(r, a.share, a.mix, why, sizeof(why));
	if (got < 0) {
		cli_error("%s: %s", argv[0], why);
		hb_results_free(r);
		return false;
	}
	if (given)
		*given = got > 0;
	return true;
}
