// SPDX-License-Identifier: GPL-2.0-only
/* hookbench vm: hand over to the VM runner script of the source tree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build_info.h"
#include "cli.h"
#include "commands.h"

#define RUNNER HB_SOURCE_DIR "/scripts/hookbench-vm"

int cmd_vm(int argc, char **argv)
{
	const char *runner = getenv("HOOKBENCH_VM_RUNNER");
	char **args;

	if (!runner || !*runner)
		runner = RUNNER;
	if (access(runner, X_OK)) {
		cli_error("vm: the VM runner %s is not there: %s", runner, strerror(errno));
		return 1;
	}
	/* runner --build-dir BUILD ARGS...: a --build-dir in ARGS comes later and wins. */
	args = calloc((size_t)argc + 3, sizeof(*args));
	if (!args) {
		cli_error("out of memory");
		return 1;
	}
	args[0] = (char *)runner;
	args[1] = "--build-dir";
	args[2] = HB_BUILD_DIR;
	for (int i = 1; i < argc; i++)
		args[i + 2] = argv[i];
	execv(runner, args);
	cli_error("vm: cannot run %s: %s", runner, strerror(errno));
	free(args);
	return 1;
}
