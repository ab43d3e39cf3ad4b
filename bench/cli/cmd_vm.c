// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench vm: hand over to the VM runner, found like hookbench's other
 * files (libexecdir/hookbench when installed, build/scripts in the build
 * tree, $HOOKBENCH_LIBEXECDIR first). The runner finds the guest init and
 * the static guest programs from its own location.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "paths.h"

int cmd_vm(int argc, char **argv)
{
	char runner[PATH_MAX];
	char **args;
	int err;

	err = hb_path_libexec("hookbench-vm", runner, sizeof(runner));
	if (err) {
		cli_error("vm: the VM runner hookbench-vm is not installed with hookbench: %s",
			  strerror(-err));
		return 1;
	}
	if (access(runner, X_OK)) {
		cli_error("vm: cannot run %s: %s", runner, strerror(errno));
		return 1;
	}
	/* runner ARGS...: argv[0] is "vm", replaced by the runner's path. */
	args = calloc((size_t)argc + 1, sizeof(*args));
	if (!args) {
		cli_error("out of memory");
		return 1;
	}
	args[0] = runner;
	for (int i = 1; i < argc; i++)
		args[i] = argv[i];
	execv(runner, args);
	cli_error("vm: cannot run %s: %s", runner, strerror(errno));
	free(args);
	return 1;
}
