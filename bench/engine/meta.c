// SPDX-License-Identifier: GPL-2.0-only
#include "meta.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "build_info.h"
#include "hooks.h"
#include "json.h"
#include "storm.h"
#include "sysinfo.h"
#include "version.h"

/* The configuration symbols a hook choice depends on. */
static const char *const config_keys[] = {
	"KPROBES", "OPTPROBES", "KPROBES_ON_FTRACE", "KPROBE_EVENTS", "KRETPROBES",
	"FPROBE", "FTRACE_SYSCALLS", "BPF_EVENTS", "DEBUG_INFO_BTF", "FUNCTION_TRACER",
	"DYNAMIC_FTRACE_WITH_DIRECT_CALLS", "X86_KERNEL_IBT",
	"PREEMPT_NONE", "PREEMPT_VOLUNTARY", "PREEMPT", "PREEMPT_RT", "PREEMPT_LAZY",
	"PREEMPT_DYNAMIC",
};

static void write_list(struct hb_json *j, const char *key, const size_t *idx, size_t n,
		       const char *const *names)
{
	hb_json_array_begin(j, key);
	for (size_t i = 0; i < n; i++)
		hb_json_string(j, NULL, names[idx[i]]);
	hb_json_array_end(j);
}

static void write_kernel(struct hb_json *j, const struct hb_meta *m)
{
	char preempt[64];
	struct utsname u;

	uname(&u);
	hb_json_object_begin(j, "kernel");
	hb_json_string(j, "release", u.release);
	hb_json_string(j, "version", u.version);
	hb_json_string(j, "machine", u.machine);
	hb_json_string(j, "config_source", m->kconfig->source[0] ? m->kconfig->source : NULL);
	hb_kconfig_preempt_model(m->kconfig, preempt, sizeof(preempt));
	hb_json_string(j, "preempt_model", preempt);
	hb_json_object_begin(j, "config");
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++)
		hb_json_string(j, config_keys[i], hb_kconfig_get(m->kconfig, config_keys[i]));
	hb_json_object_end(j);
	hb_json_bool(j, "link_info_kprobe_missed", m->kprobe_missed);
	hb_json_string(j, "kprobe_optimization", m->kprobe_optimization);
	hb_json_string(j, "kprobe_optimization_before", m->kprobe_optimization_before);
	if (m->bpf_stats_sysctl >= 0)
		hb_json_i64(j, "bpf_stats_enabled_sysctl", m->bpf_stats_sysctl);
	else
		hb_json_null(j, "bpf_stats_enabled_sysctl");
	hb_json_object_end(j);
}

static void write_settings(struct hb_json *j, const struct run_opts *o)
{
	hb_json_object_begin(j, "settings");
	write_list(j, "hooks", o->hooks, o->nhooks, hb_hook_names);
	write_list(j, "payloads", o->payloads, o->npayloads, hb_payload_names);
	write_list(j, "modes", o->modes, o->nmodes, storm_mode_names);
	hb_json_array_begin(j, "threads");
	for (size_t i = 0; i < o->nthreads; i++)
		hb_json_u64(j, NULL, o->threads[i]);
	hb_json_array_end(j);
	hb_json_u64(j, "ops_per_block", o->ops_per_block);
	hb_json_u64(j, "blocks", o->blocks);
	hb_json_u64(j, "warmup_rounds", o->warmup);
	hb_json_u64(j, "stats_blocks", o->stats_blocks);
	hb_json_u64(j, "cpu", o->cpu);
	hb_json_string(j, "clock", hb_clock_names[o->clock]);
	hb_json_string(j, "kprobe_optimization", o->kprobe_optimization);
	hb_json_string(j, "experiment", o->experiment);
	hb_json_double(j, "confidence", HB_CONFIDENCE);
	hb_json_string(j, "estimator", "median of paired differences (hooked - adjacent baseline), "
		       "order-statistic CI");
	hb_json_object_end(j);
}

int hb_meta_write(FILE *f, const struct hb_meta *m)
{
	char cpu[256], cmd[4096];
	struct hb_json j;

	hb_cpu_model(cpu, sizeof(cpu));
	hb_command_line(m->argc, m->argv, cmd, sizeof(cmd));
	hb_json_init(&j, f, true);
	hb_json_object_begin(&j, NULL);
	hb_json_string(&j, "tool", "hookbench");
	hb_json_string(&j, "version", HB_VERSION);
	hb_json_string(&j, "date", m->started);
	hb_json_string(&j, "finished", m->finished);
	hb_json_bool(&j, "interrupted", m->interrupted);
	hb_json_string(&j, "command_line", cmd);
	hb_json_string(&j, "timing", m->timing);
	write_kernel(&j, m);
	hb_json_object_begin(&j, "cpu");
	hb_json_string(&j, "model", cpu);
	hb_json_i64(&j, "nproc", sysconf(_SC_NPROCESSORS_ONLN));
	hb_json_object_end(&j);
	hb_json_object_begin(&j, "versions");
	hb_json_string(&j, "libbpf", libbpf_version_string());
	hb_json_string(&j, "bpftool", HB_BPFTOOL_VERSION);
	hb_json_string(&j, "clang", HB_CLANG_VERSION);
	hb_json_string(&j, "cc", HB_CC_VERSION);
	hb_json_object_end(&j);
	write_settings(&j, m->opts);
	hb_json_object_end(&j);
	return ferror(f) ? -EIO : 0;
}
