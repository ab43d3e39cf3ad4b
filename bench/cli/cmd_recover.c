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
	"Put back the sysctls that a hookbench run changed and could not restore\n"
	"because it was killed (SIGKILL, which no handler sees). Each change is\n"
	"recorded in " HB_STATE_DIR "/sysctl-NAME.state before it is made; a\n"
	"record whose run is no longer alive is restored, one line on stderr\n"
	"each. A value changed by someone else since is left alone. hookbench run\n"
	"does the same at its start. Results directories a killed run leaves as\n"
	"DIR.partial are not touched: they hold the blocks measured so far and are\n"
	"safe to delete.\n"
	"\n"
	"Exit status: 0 when nothing is left to restore; 1 when a change could not\n"
	"be put back, or the records cannot be read (not root).\n"
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
