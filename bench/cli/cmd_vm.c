// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench vm: hand over to the VM runner, found like hookbench's other
 * files (libexecdir/hookbench when installed, build/scripts in the build
 * tree, $HOOKBENCH_LIBEXECDIR first). The runner finds the guest init and
 * the static guest programs from its own location. A --kernel that names a
 * file is checked here first: QEMU would only fail on it after the
 * initramfs is built, with a message that does not say why.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "kernel_image.h"
#include "paths.h"

/* Each file in a --kernel list (aliases and package names are the runner's). */
static int check_kernel_list(const char *list)
{
	char *copy = strdup(list), *save = NULL, why[PATH_MAX + 64];
	const char *arch;
	int err = 0;

	if (!copy) {
		cli_error("out of memory");
		return -ENOMEM;
	}
	for (char *spec = strtok_r(copy, ",", &save); spec && !err; spec = strtok_r(NULL, ",", &save)) {
		struct stat st;

		/* The runner's rule for a path; it reports a missing file itself. */
		if (!strchr(spec, '/') && (stat(spec, &st) || !S_ISREG(st.st_mode)))
			continue;
		if (access(spec, F_OK) && errno == ENOENT)
			continue;
		err = hb_kernel_image_check(spec, &arch, why, sizeof(why));
		if (err)
			cli_error("vm: %s", why);
	}
	free(copy);
	return err;
}

static int check_kernels(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *list = NULL;

		if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
			list = argv[++i];
		else if (!strncmp(argv[i], "--kernel=", 9))
			list = argv[i] + 9;
		else if (!strcmp(argv[i], "--"))
			break;
		if (list && check_kernel_list(list))
			return -EINVAL;
	}
	return 0;
}

int cmd_vm(int argc, char **argv)
{
	char runner[PATH_MAX];
	char **args;
	int err;

	if (check_kernels(argc, argv))
		return HB_EXIT_USAGE;
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
