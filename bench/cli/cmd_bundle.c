// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench bundle --out FILE.tar.gz: the benchmark as one file to copy to
 * another machine (bundle.h), with a run script that runs it there.
 */
#include <getopt.h>
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
"report.md into results/HOST-KERNEL/. See hookbench(1) and docs/vm.md.\n"
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

int cmd_bundle(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "arch", required_argument, NULL, 'a' },
		{ "programs", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct hb_bundle_opts o = { 0 };
	char why[PATH_MAX + 512];
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': o.out = optarg; break;
		case 'a':
			if (strcmp(optarg, "x86_64") && strcmp(optarg, "arm64")) {
				cli_error("invalid --arch '%s' (valid: %s)", optarg, HB_BUNDLE_ARCHES);
				return HB_EXIT_USAGE;
			}
			o.arch = optarg;
			break;
		case 'p': o.programs = optarg; break;
		case 'h': usage(stdout); return 0;
		default: return cli_getopt_error(c, argv), HB_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("bundle: unexpected argument '%s' (see --help)", argv[optind]);
		return HB_EXIT_USAGE;
	}
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
