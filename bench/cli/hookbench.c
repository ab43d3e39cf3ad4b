// SPDX-License-Identifier: GPL-2.0-only
/* hookbench: what does hooking unlinkat cost, per hook? */
#include <bpf/libbpf.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "version.h"

/* One row per command: it drives dispatch, the usage list and the error. */
struct cmd {
	const char *name;
	int (*func)(int argc, char **argv);
	const char *summary;
};

static int do_run(int argc, char **argv);
static int do_help(int argc, char **argv);

static const struct cmd cmds[] = {
	{ "list", cmd_list, "every hook, and whether this kernel can run it (and why not)" },
	{ "run", do_run, "per-event overhead of each hook, paired blocks, 95% CI" },
	{ "tax", cmd_tax, "the workload loop against a bare syscall loop" },
	{ "mix", cmd_mix, "count every syscall for a while: the share that is unlinkat" },
	{ "vm", cmd_vm, "run the benchmark inside stock Debian kernels under QEMU" },
	{ "bundle", cmd_bundle, "one .tar.gz that runs the benchmark on another machine" },
	{ "plot", cmd_plot, "draw a results directory's charts (gnuplot)" },
	{ "hyperfine", cmd_hyperfine, "time whole commands with and without the loaders (hyperfine)" },
	{ "report", cmd_report, "write DIR/report.md, the design-review summary" },
	{ "compare", cmd_compare, "two result sets side by side, with significant changes" },
	{ "merge", cmd_merge, "many machines' and kernels' results in one directory, for a fleet report" },
	{ "census", cmd_census, "every BPF program and link loaded on the machine" },
	{ "recover", cmd_recover, "put back the sysctls a killed run left changed" },
	{ "help", do_help, "this list, or a command's options (help CMD)" },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* run records the whole command line in meta.json. */
static int main_argc;
static char **main_argv;

static int do_run(int argc, char **argv)
{
	return cmd_run(argc, argv, main_argc, main_argv);
}

static void usage(FILE *f)
{
	fputs("Usage: hookbench <command> [OPTIONS]\n"
	      "       hookbench -V|--version\n"
	      "\n"
	      "Measure what it costs to hook unlinkat with each kind of BPF hook.\n"
	      "\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < NCMDS; i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fputs("\n"
	      "'hookbench <command> --help' (or 'hookbench help <command>') shows a\n"
	      "command's options.\n"
	      "\n"
	      "Examples:\n"
	      "  hookbench list\n"
	      "  hookbench run --hooks tracepoint,kprobe --payload count,capture\n"
	      "  hookbench tax\n"
	      "  hookbench vm --kernel debian-6.1-cloud --hooks kprobe,fentry\n"
	      "  hookbench merge results/host results/vm-matrix --out results/fleet\n", f);
}

static const struct cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

static int unknown_cmd(const char *name)
{
	char valid[256];
	size_t used = 0;

	valid[0] = '\0';
	for (size_t i = 0; i < NCMDS && used < sizeof(valid); i++)
		used += (size_t)snprintf(valid + used, sizeof(valid) - used, "%s%s", i ? ", " : "",
					 cmds[i].name);
	cli_error("unknown command '%s' (valid: %s; see --help)", name, valid);
	return HB_EXIT_USAGE;
}

/* help: the usage; help CMD: what CMD --help prints. */
static int do_help(int argc, char **argv)
{
	static char help_opt[] = "--help";
	char *help_argv[] = { argv[1], help_opt, NULL };
	const struct cmd *c;

	if (argc < 2)
		goto usage;
	if (argc > 2) {
		cli_error("help: unexpected argument '%s' (see --help)", argv[2]);
		return HB_EXIT_USAGE;
	}
	c = find_cmd(argv[1]);
	if (!c)
		return unknown_cmd(argv[1]);
	if (c->func == do_help)
		goto usage;
	return c->func(2, help_argv);
usage:
	usage(stdout);
	return 0;
}

static void print_version(void)
{
	hb_print_version(stdout, "hookbench");
	printf("using libbpf %s\n", libbpf_version_string());
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	const struct cmd *c;

	setvbuf(stderr, NULL, _IONBF, 0);
	main_argc = argc;
	main_argv = argv;
	if (!name) {
		usage(stderr);
		return HB_EXIT_USAGE;
	}
	if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
		print_version();
		return 0;
	}
	c = find_cmd(name);
	if (!c)
		return unknown_cmd(name);
	return c->func(argc - 1, argv + 1);
}
