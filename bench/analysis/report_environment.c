// SPDX-License-Identifier: GPL-2.0-only
/* The end of report.md: where the run was made, and how to make it again. */
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "json_read.h"
#include "report_parts.h"

static void kernel_line(FILE *f, struct json_object *m)
{
	static const char *const keys[] = {
		"KPROBES", "OPTPROBES", "KPROBES_ON_FTRACE", "FPROBE", "FTRACE_SYSCALLS",
		"DEBUG_INFO_BTF", "X86_KERNEL_IBT",
	};

	fprintf(f, "- Kernel: %s (%s), preemption `%s`, config from %s:", hb_jstr(m, "kernel.release", "?"),
		hb_jstr(m, "kernel.machine", "?"), hb_jstr(m, "kernel.preempt_model", "?"),
		hb_jstr(m, "kernel.config_source", "unknown"));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char path[64];

		snprintf(path, sizeof(path), "kernel.config.%s", keys[i]);
		fprintf(f, " %s=%s", keys[i], hb_jstr(m, path, "absent"));
	}
	fputc('\n', f);
}

/* A VM run is reproduced by the host's hookbench vm command, not the guest's. */
static void reproduce(const struct report *rp)
{
	char hf[PATH_MAX + 32];
	bool has_hyperfine;

	snprintf(hf, sizeof(hf), "%s/hyperfine.csv", rp->r->dir);
	has_hyperfine = access(hf, F_OK) == 0;
	fprintf(rp->f, "\n## Reproduce\n\n```\n%s\n%s%s\n```\n\n(DIR is the `--out` directory of the first command.)\n",
		hb_jstr(rp->r->meta, "vm.command_line",
			hb_jstr(rp->r->meta, "command_line", "(unknown: no command line in meta.json)")),
		has_hyperfine ? "build/bench/hookbench hyperfine DIR\n" : "",
		"build/bench/hookbench plot DIR && build/bench/hookbench report DIR");
}

void report_environment(const struct report *rp)
{
	struct json_object *m = rp->r->meta;
	FILE *f = rp->f;

	fputs("\n## Environment\n\n", f);
	kernel_line(f, m);
	fprintf(f, "- CPU: %s, %g CPUs; measured on CPU %g with the `%s` clock\n",
		hb_jstr(m, "cpu.model", "?"), hb_jnum(m, "cpu.nproc", 0), hb_jnum(m, "settings.cpu", 0),
		hb_jstr(m, "settings.clock", "cpu"));
	if (!strcmp(hb_jstr(m, "timing", "wall"), "wall"))
		fputs("- Timing: real, not emulated\n", f);
	else
		fprintf(f, "- Timing: %s\n", hb_jstr(m, "timing", "wall"));
	if (hb_jget(m, "vm"))
		fprintf(f, "- VM: kernel %s (%s), accelerator %s, %s\n", hb_jstr(m, "vm.kernel_spec", "?"),
			hb_jstr(m, "vm.kernel_package", "a vmlinuz"), hb_jstr(m, "vm.accelerator", "?"),
			hb_jstr(m, "vm.qemu", "?"));
	fprintf(f, "- Versions: hookbench %s, libbpf %s, %s, %s, %s\n", hb_jstr(m, "version", "?"),
		hb_jstr(m, "versions.libbpf", "?"), hb_jstr(m, "versions.bpftool", "bpftool ?"),
		hb_jstr(m, "versions.clang", "clang ?"), hb_jstr(m, "versions.cc", "cc ?"));
	fprintf(f, "- Date: %s (finished %s)\n", hb_jstr(m, "date", "?"), hb_jstr(m, "finished", "?"));
	reproduce(rp);
}
