// SPDX-License-Identifier: GPL-2.0-only
/* hookbench: what does hooking unlinkat cost, per hook? */
#include <stdio.h>
#include <string.h>

#include "build_info.h"
#include "cli.h"
#include "commands.h"

static void usage(FILE *f)
{
	fputs("Usage: hookbench <command> [OPTIONS]\n"
	      "\n"
	      "Measure what it costs to hook unlinkat with each kind of BPF hook.\n"
	      "\n"
	      "Commands:\n"
	      "  list     every hook, and whether this kernel can run it (and why not)\n"
	      "  run      per-event overhead of each hook, paired blocks, 95% CI\n"
	      "  tax      the workload loop against a bare syscall loop\n"
	      "  vm       run the benchmark inside stock Debian kernels under QEMU\n"
	      "  plot     draw a results directory's charts (gnuplot)\n"
	      "  hyperfine  time whole commands with and without the loaders (hyperfine)\n"
	      "  report   write DIR/report.md, the design-review summary\n"
	      "  compare  two result sets side by side, with significant changes\n"
	      "  census   every BPF program and link loaded on the machine\n"
	      "\n"
	      "'hookbench <command> --help' shows a command's options.\n"
	      "\n"
	      "Examples:\n"
	      "  hookbench list\n"
	      "  hookbench run --hooks tracepoint,kprobe --payload count,capture\n"
	      "  hookbench tax\n"
	      "  hookbench vm --kernel debian-6.1-cloud --hooks kprobe,fentry\n", f);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	setvbuf(stderr, NULL, _IONBF, 0);
	if (!cmd) {
		usage(stderr);
		return HB_EXIT_USAGE;
	}
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("hookbench %s\n", HB_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "list"))
		return cmd_list(argc - 1, argv + 1);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 1, argv + 1, argc, argv);
	if (!strcmp(cmd, "tax"))
		return cmd_tax(argc - 1, argv + 1);
	if (!strcmp(cmd, "vm"))
		return cmd_vm(argc - 1, argv + 1);
	if (!strcmp(cmd, "census"))
		return cmd_census(argc - 1, argv + 1);
	if (!strcmp(cmd, "plot"))
		return cmd_plot(argc - 1, argv + 1);
	if (!strcmp(cmd, "compare"))
		return cmd_compare(argc - 1, argv + 1);
	if (!strcmp(cmd, "report"))
		return cmd_report(argc - 1, argv + 1);
	if (!strcmp(cmd, "hyperfine"))
		return cmd_hyperfine(argc - 1, argv + 1);
	cli_error("unknown command '%s' (valid: list, run, tax, vm, census, plot, hyperfine, report, "
		  "compare; see --help)", cmd);
	return HB_EXIT_USAGE;
}
