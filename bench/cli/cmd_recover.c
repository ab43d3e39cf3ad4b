// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench recover: put back what a killed run left changed (the sysctl
 * of --kprobe-optimization), as the next hookbench run would at its start.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "sysctl_state.h"

static const char help[] =
	"Usage: hookbench recover\n"
	"\n"
	"Put back the sysctls a hookbench run killed by SIGKILL left changed, from the\n"
	"records in " HB_STATE_DIR "; a value changed by someone since is left alone.\n"
	"\n"
	"Exit status: 0 nothing left to restore; 1 a change could not be put back, or\n"
	"the records cannot be read (not root).\n"
	"\n"
	"Example:\n"
	"  sudo hookbench recover";

int cmd_recover(int argc, char **argv)
{
	char why[512];
	int n;

	if (argc > 1) {
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
			puts(help);
			return 0;
		}
		cli_error("recover: unexpected argument '%s' (see --help)", argv[1]);
		return HB_EXIT_USAGE;
	}
	n = hb_sysctl_recover(stderr, why, sizeof(why));
	if (n < 0) {
		cli_error("recover: %s", why);
		return 1;
	}
	if (n == 0)
		fprintf(stderr, "hookbench: recover: nothing to restore\n");
	return 0;
}
