// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench bundle --out FILE.tar.gz: the benchmark as one file to copy to
 * another machine (bundle.h), with a run script that runs it there.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "bundle.h"
#include "cli.h"
#include "commands.h"
#include "sudo_user.h"

static void usage(FILE *f)
{
	fputs(
"Usage: hookbench bundle --out FILE.tar.gz [--arch ARCH] [--programs DIR]\n"
"\n"
"Write the benchmark as one file for another machine: static programs, the\n"
"plot scripts and ./run, which checks the target, runs hookbench run and writes\n"
"report.md into results/HOST-KERNEL/. See hookbench(1).\n"
"\n"
"Options:\n"
"  --out FILE     the .tar.gz to write (must not exist)\n"
"  --arch ARCH    x86_64 or arm64 (default: the architecture hookbench was built for)\n"
"  --programs DIR take the static programs from DIR (a meson build directory,\n"
"                 or a folder of NAME-static or NAME)\n"
"\n"
"Examples:\n"
"  hookbench bundle --out hookbench-x86_64.tar.gz\n"
"  hookbench bundle --arch arm64 --out hookbench-arm64.tar.gz\n"
"  # on the target:\n"
"  tar -xzf hookbench-x86_64.tar.gz && sudo ./hookbench-*-x86_64/run\n"
"  sudo ./hookbench-*-x86_64/run --results /var/tmp/hb -- --hooks tracepoint,kprobe --blocks 40\n",
		f);
}

static int one_option(int c, const char *arg, void *ctx)
{
	struct hb_bundle_opts *o = ctx;

	switch (c) {
	case 'o': o->out = arg; break;
	case 'a':
		if (strcmp(arg, "x86_64") && strcmp(arg, "arm64")) {
			cli_error("invalid --arch '%s' (valid: %s)", arg, HB_BUNDLE_ARCHES);
			return -EINVAL;
		}
		o->arch = arg;
		break;
	case 'p': o->programs = arg; break;
	}
	return 0;
}

int cmd_bundle(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "arch", required_argument, NULL, 'a' },
		{ "programs", required_argument, NULL, 'p' },
		{}
	};
	struct hb_bundle_opts o = { 0 };
	const struct cli_options co = { .opts = opts, .one = one_option, .ctx = &o, .usage = usage };
	char why[PATH_MAX + 512];

	if (cli_parse_options(argc, argv, &co))
		return HB_EXIT_USAGE;
	if (!o.out || !*o.out) {
		cli_error("bundle needs --out FILE.tar.gz (see --help)");
		return HB_EXIT_USAGE;
	}
	if (hb_bundle_write(&o, why, sizeof(why))) {
		cli_error("bundle: %s", why);
		return 1;
	}
	hb_give_to_user(o.out);
	printf("bundle: %s\n", o.out);
	return 0;
}
