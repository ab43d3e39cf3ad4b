// SPDX-License-Identifier: GPL-2.0-only
/* The end of report.md: where the run was made, and how to make it again. */
#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "json_read.h"
#include "mitigations.h"
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

/* "KVM", "yes (unnamed)", "none"; NULL when meta.json does not say. */
static const char *hypervisor(struct json_object *m)
{
	struct json_object *flag = hb_jget(m, "cpu.hypervisor");

	if (hb_jget(m, "cpu.hypervisor_vendor"))
		return hb_jstr(m, "cpu.hypervisor_vendor", "?");
	if (hb_jget(m, "cpu.hypervisor_type"))
		return hb_jstr(m, "cpu.hypervisor_type", "?");
	if (!flag)
		return NULL;
	return json_object_get_boolean(flag) ? "yes (unnamed)" : "none";
}

/* "on, harden 0" (bpf_jit_enable 0 off, 1 on, 2 on with debug output); "" when unknown. */
static void jit(struct json_object *m, char *buf, size_t len)
{
	double enable = hb_jnum(m, "kernel.bpf_jit_enable", -1);
	double harden = hb_jnum(m, "kernel.bpf_jit_harden", -1);
	const char *state = enable == 0 ? "off" : enable == 1 ? "on" : enable == 2 ? "on (debug)" : "";

	if (state[0] && harden >= 0)
		snprintf(buf, len, "%s, harden %g", state, harden);
	else
		snprintf(buf, len, "%s", state);
}

/* "; " between the parts of a line; "- " before the first. */
static void part(FILE *f, bool *first, const char *label, const char *value)
{
	fprintf(f, "%s%s: %s", *first ? "- " : "; ", label, value);
	*first = false;
}

/*
 * What shapes a syscall's and a hook's cost beyond the kernel build, in one
 * line of the parts meta.json records (older runs lack them).
 */
static void platform_line(FILE *f, struct json_object *m)
{
	char mitigations[1024], jit_state[64];
	const char *hv = hypervisor(m);
	bool first = true;

	if (hv)
		part(f, &first, "Hypervisor", hv);
	if (hb_jget(m, "cpu.mitigations")) {
		hb_mitigations_summary(hb_jget(m, "cpu.mitigations"), mitigations, sizeof(mitigations));
		part(f, &first, first ? "Mitigations" : "mitigations", mitigations);
	}
	if (hb_jget(m, "kernel.lockdown"))
		part(f, &first, first ? "Lockdown" : "lockdown", hb_jstr(m, "kernel.lockdown", "?"));
	jit(m, jit_state, sizeof(jit_state));
	if (jit_state[0])
		part(f, &first, "JIT", jit_state);
	if (!first)
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
	platform_line(f, m);
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
