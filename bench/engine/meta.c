// SPDX-License-Identifier: GPL-2.0-only
#include "meta.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "build_info.h"
#include "coverage.h"
#include "hooks.h"
#include "json.h"
#include "lockdown.h"
#include "quiesce.h"
#include "schema.h"
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

/* A /proc/sys integer; null when it cannot be read. */
static void write_sysctl(struct hb_json *j, const char *key, const char *path)
{
	long v = hb_read_sysctl(path);

	if (v >= 0)
		hb_json_i64(j, key, v);
	else
		hb_json_null(j, key);
}

/* A file's first line; null when there is no such file. */
static void write_line(struct hb_json *j, const char *key, const char *path)
{
	char text[4096];

	if (hb_read_line(path, text, sizeof(text)))
		hb_json_null(j, key);
	else
		hb_json_string(j, key, text);
}

/*
 * The machine's name, for merging runs of several machines (hookbench
 * merge): --host, else uname's (in a container, that is the container's).
 */
static void hostname_field(struct hb_json *j, const struct run_opts *o)
{
	struct utsname u;

	uname(&u);
	hb_json_string(j, "hostname", o->host ? o->host : u.nodename);
}

/*
 * A key's value in the config that was read: a symbol the file leaves out
 * (PREEMPT_VOLUNTARY on 7.x, X86_KERNEL_IBT on arm64) cannot be chosen
 * there, so it is off, "n", as the kernel's own build treats it. Null only
 * when no config could be read.
 */
static const char *config_value(const struct hb_kconfig *kc, const char *key)
{
	const char *v = hb_kconfig_get(kc, key);

	if (!v && kc->source[0])
		return "n";
	return v;
}

static void write_kernel(struct hb_json *j, const struct hb_meta *m)
{
	char preempt[64], lockdown[64];
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
		hb_json_string(j, config_keys[i], config_value(m->kconfig, config_keys[i]));
	hb_json_object_end(j);
	hb_json_bool(j, "link_info_kprobe_missed", m->kprobe_missed);
	hb_json_string(j, "kprobe_optimization", m->kprobe_optimization);
	hb_json_string(j, "kprobe_optimization_before", m->kprobe_optimization_before);
	if (m->bpf_stats_sysctl >= 0)
		hb_json_i64(j, "bpf_stats_enabled_sysctl", m->bpf_stats_sysctl);
	else
		hb_json_null(j, "bpf_stats_enabled_sysctl");
	write_sysctl(j, "bpf_jit_enable", "/proc/sys/net/core/bpf_jit_enable");
	write_sysctl(j, "bpf_jit_harden", "/proc/sys/net/core/bpf_jit_harden");
	write_sysctl(j, "bpf_jit_kallsyms", "/proc/sys/net/core/bpf_jit_kallsyms");
	write_sysctl(j, "unprivileged_bpf_disabled", "/proc/sys/kernel/unprivileged_bpf_disabled");
	hb_lockdown_read(lockdown, sizeof(lockdown));
	hb_json_string(j, "lockdown", lockdown);
	write_line(j, "cmdline", "/proc/cmdline");
	hb_json_object_end(j);
}

static void write_vulnerability(void *j, const char *name, const char *text)
{
	hb_json_string(j, name, text);
}

static void write_cpu(struct hb_json *j)
{
	char model[256], vendor[32];
	int flag;

	hb_cpu_model(model, sizeof(model));
	hb_json_object_begin(j, "cpu");
	hb_json_string(j, "model", model);
	hb_json_i64(j, "nproc", sysconf(_SC_NPROCESSORS_ONLN));
	flag = hb_cpu_flag("hypervisor");
	if (flag >= 0)
		hb_json_bool(j, "hypervisor", flag);
	else
		hb_json_null(j, "hypervisor");
	write_line(j, "hypervisor_type", "/sys/hypervisor/type");
	if (hb_hypervisor_vendor(vendor, sizeof(vendor)))
		hb_json_null(j, "hypervisor_vendor");
	else
		hb_json_string(j, "hypervisor_vendor", vendor);
	hb_json_object_begin(j, "mitigations");
	hb_cpu_vulnerabilities(write_vulnerability, j);
	hb_json_object_end(j);
	hb_json_object_end(j);
}

static void write_syscall_progs(struct hb_json *j, const struct hb_attached *a)
{
	if (!a) {
		hb_json_null(j, "syscall_path_programs");
		return;
	}
	hb_json_array_begin(j, "syscall_path_programs");
	for (size_t i = 0; i < a->n; i++) {
		hb_json_object_begin(j, NULL);
		hb_json_u64(j, "id", a->progs[i].id);
		hb_json_string(j, "type", a->progs[i].type);
		hb_json_string(j, "name", a->progs[i].name);
		hb_json_string(j, "attach", a->progs[i].attach);
		hb_json_object_end(j);
	}
	hb_json_array_end(j);
}

static void write_settings(struct hb_json *j, const struct hb_meta *m)
{
	const struct run_opts *o = m->opts;
	const char *hooks[HB_MAX_HOOKS];

	hb_hook_names(hooks);
	hb_json_object_begin(j, "settings");
	write_list(j, "hooks", o->hooks, o->nhooks, hooks);
	write_list(j, "payloads", o->payloads, o->npayloads, hb_payload_names);
	write_list(j, "modes", o->modes, o->nmodes, storm_mode_names);
	hb_json_array_begin(j, "threads");
	for (size_t i = 0; i < o->nthreads; i++)
		hb_json_u64(j, NULL, o->threads[i]);
	hb_json_array_end(j);
	hb_json_u64(j, "ops_per_block", hb_ops_per_block(o, STORM_MODE_ENOENT));
	hb_json_bool(j, "ops_per_block_given", o->ops_per_block != 0);
	hb_json_object_begin(j, "ops_per_block_by_mode");
	for (size_t i = 0; i < o->nmodes; i++)
		hb_json_u64(j, storm_mode_names[o->modes[i]], hb_ops_per_block(o, o->modes[i]));
	hb_json_object_end(j);
	hb_json_u64(j, "blocks", o->blocks);
	hb_json_u64(j, "warmup_rounds", o->warmup);
	hb_json_u64(j, "stats_blocks", o->stats_blocks);
	hb_json_u64(j, "replicates", o->replicates);
	hb_json_string(j, "reference_requested", hooks[o->reference]);
	hb_json_string(j, "reference_hook", m->reference);
	hb_json_bool(j, "control", o->control);
	hb_json_bool(j, "load_per_replicate", !o->one_load);
	hb_json_u64(j, "cpu", o->cpu);
	hb_json_string(j, "scratch_fs", m->scratch_fs);
	hb_json_string(j, "clock", hb_clock_names[o->clock]);
	hb_json_string(j, "kprobe_optimization", o->kprobe_optimization);
	hb_json_string(j, "experiment", o->experiment);
	hb_json_double(j, "confidence", HB_CONFIDENCE);
	hb_json_string(j, "estimator",
		       "median of visit differences (each the mean of a visit's two paired "
		       "differences, hooked - adjacent baseline), order-statistic CI over visits; "
		       "ratio: median visit difference over the reference's, in the rounds both "
		       "have, per replicate and overall (no ratio when the reference's CI reaches "
		       "0); where another run lands: estimate +- "
		       "t*sqrt(2*(run-level variance + within-run variance)), the within-run part "
		       "sd^2/k of contiguous replicates (inflated when neighbouring replicates "
		       "correlate), the run-level part from earlier runs like this one (history; "
		       "none: within-run only, earlier_runs 0), at least the instrument's "
		       "resolution; all from the visits in the headline speed state (the fastest "
		       "holding >= 10% of the baseline blocks, states.csv)");
	hb_json_object_end(j);
}

/* The coverage pass's hooks that the kernel does not run, each with its reason. */
static void write_coverage_not_run(struct hb_json *j, const struct hb_coverage *c)
{
	if (!c)
		return;
	hb_json_object_begin(j, "coverage_not_run");
	for (size_t i = 0; i < c->nhooks; i++)
		if (!c->hooks[i].ran)
			hb_json_string(j, c->hooks[i].hook->name, c->hooks[i].reason);
	hb_json_object_end(j);
}

int hb_meta_write(FILE *f, const struct hb_meta *m)
{
	char cmd[4096];
	struct hb_json j;

	hb_command_line(m->argc, m->argv, cmd, sizeof(cmd));
	hb_json_init(&j, f, true);
	hb_json_object_begin(&j, NULL);
	hb_json_string(&j, "tool", "hookbench");
	hostname_field(&j, m->opts);
	hb_json_i64(&j, "schema_version", HB_SCHEMA_VERSION);
	hb_json_string(&j, "version", HB_VERSION);
	hb_json_string(&j, "git_revision", strcmp(HB_GIT_REVISION, "unknown") ? HB_GIT_REVISION : NULL);
	hb_json_string(&j, "date", m->started);
	hb_json_string(&j, "finished", m->finished);
	hb_json_bool(&j, "interrupted", m->interrupted);
	hb_json_string(&j, "command_line", cmd);
	hb_json_string(&j, "timing", m->timing);
	hb_json_string(&j, "unit", hb_run_unit(m->opts));
	hb_json_bool(&j, "icount", m->opts->icount);
	if (m->opts->icount) {
		hb_json_object_begin(&j, "quiet_check");
		hb_json_u64(&j, "blocks", m->quiet_checks);
		hb_json_u64(&j, "gave_up", m->quiet_gave_up);
		hb_json_array_begin(&j, "unreadable");
		if (m->quiet_unread & HB_QUIESCE_NO_SCHEDSTAT)
			hb_json_string(&j, NULL, HB_SCHEDSTAT);
		if (m->quiet_unread & HB_QUIESCE_NO_SOFTIRQS)
			hb_json_string(&j, NULL, HB_SOFTIRQS);
		hb_json_array_end(&j);
		hb_json_object_end(&j);
	}
	write_kernel(&j, m);
	write_cpu(&j);
	hb_json_object_begin(&j, "versions");
	hb_json_string(&j, "libbpf", libbpf_version_string());
	hb_json_string(&j, "bpftool", HB_BPFTOOL_VERSION);
	hb_json_string(&j, "clang", HB_CLANG_VERSION);
	hb_json_string(&j, "cc", HB_CC_VERSION);
	hb_json_object_end(&j);
	write_settings(&j, m);
	hb_json_object_begin(&j, "history");
	hb_json_string(&j, "dir", m->history && m->history->dir[0] ? m->history->dir : NULL);
	hb_json_u64(&j, "runs", m->history ? m->history->nruns : 0);
	hb_json_u64(&j, "looked_at", m->history ? m->history->looked : 0);
	hb_json_object_end(&j);
	if (m->ringbuf_reader_cpu >= 0)
		hb_json_i64(&j, "ringbuf_reader_cpu", m->ringbuf_reader_cpu);
	else
		hb_json_null(&j, "ringbuf_reader_cpu");
	write_syscall_progs(&j, m->syscall_progs);
	hb_meta_write_foreign(&j, m);
	hb_meta_write_object(&j, m);
	write_coverage_not_run(&j, m->coverage);
	hb_json_object_end(&j);
	return ferror(f) ? -EIO : 0;
}
