// SPDX-License-Identifier: GPL-2.0-only
#include "probe.h"

#include <bpf/btf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "btf_info.h"
#include "ksym.h"
#include "parse.h"
#include "tracefs.h"

#define KPROBE_PMU "/sys/bus/event_source/devices/kprobe/type"
#define KPROBE_BLACKLIST "/sys/kernel/debug/kprobes/blacklist"

void hb_probe_env_init(struct hb_probe_env *env, const char *btf_path)
{
	memset(env, 0, sizeof(*env));
	env->btf_path = btf_path;
	hb_kconfig_load_running(&env->kconfig);
	if (hb_btf_load(btf_path, &env->btf))
		env->btf = NULL;
}

void hb_probe_env_free(struct hb_probe_env *env)
{
	hb_kconfig_free(&env->kconfig);
	btf__free(env->btf);
	env->btf = NULL;
}

static void unsupported(struct hb_support *out, const char *reason)
{
	out->supported = false;
	snprintf(out->reason, sizeof(out->reason), "%s", reason);
}

static void probe_tracepoint(const struct hb_hook *hook, struct hb_support *out)
{
	const char *dir = hb_tracefs_dir();
	char path[512];

	snprintf(out->target, sizeof(out->target), "%s:%s", hook->tp_category, hook->tp_name);
	if (!dir) {
		unsupported(out, "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
		return;
	}
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir, hook->tp_category, hook->tp_name);
	if (access(path, R_OK)) {
		snprintf(out->reason, sizeof(out->reason),
			 "no %s:%s tracepoint (kernel built without CONFIG_FTRACE_SYSCALLS?)",
			 hook->tp_category, hook->tp_name);
		out->supported = false;
		return;
	}
	out->supported = true;
}

static bool kprobe_interface_present(void)
{
	const char *dir = hb_tracefs_dir();
	char path[256];

	if (access(KPROBE_PMU, R_OK) == 0)
		return true;
	if (!dir)
		return false;
	snprintf(path, sizeof(path), "%s/kprobe_events", dir);
	return access(path, F_OK) == 0;
}

static bool on_kprobe_blacklist(const char *sym)
{
	FILE *f = fopen(KPROBE_BLACKLIST, "re");
	char line[512], name[256];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %255s", name) == 1 && strcmp(name, sym) == 0;
	fclose(f);
	return found;
}

static void probe_kprobe(const struct hb_probe_env *env, enum hb_payload payload,
			 struct hb_support *out)
{
	const struct hb_kconfig *kc = &env->kconfig;
	char names[128];

	if (!kprobe_interface_present()) {
		const char *v = hb_kconfig_get(kc, "KPROBES");

		if (v && strcmp(v, "n") == 0)
			unsupported(out, "kernel built without CONFIG_KPROBES (no kprobe PMU, no kprobe_events)");
		else if (!hb_kconfig_enabled(kc, "KPROBE_EVENTS") && hb_kconfig_get(kc, "KPROBE_EVENTS"))
			unsupported(out, "kernel built without CONFIG_KPROBE_EVENTS (no kprobe PMU, no kprobe_events)");
		else
			unsupported(out, "no kprobe PMU (" KPROBE_PMU ") and no kprobe_events in tracefs");
		return;
	}
	if (hb_ksym_resolve_running(hb_unlinkat_candidates, hb_unlinkat_ncandidates,
				    out->target, sizeof(out->target))) {
		hb_join_choices(hb_unlinkat_candidates, hb_unlinkat_ncandidates, names, sizeof(names));
		snprintf(out->reason, sizeof(out->reason),
			 "none of %s is a kernel text symbol in /proc/kallsyms", names);
		out->supported = false;
		return;
	}
	if (on_kprobe_blacklist(out->target)) {
		snprintf(out->reason, sizeof(out->reason), "%s is on the kprobe blacklist", out->target);
		out->supported = false;
		return;
	}
	if (payload == HB_PAYLOAD_CAPTURE &&
	    !(env->btf && hb_btf_func_arg_is_struct_ptr(env->btf, out->target, 1, "filename"))) {
		snprintf(out->reason, sizeof(out->reason),
			 "capture needs %s(int, struct filename *) in BTF; this kernel's %s differs",
			 out->target, out->target);
		out->supported = false;
		return;
	}
	out->supported = true;
}

void hb_probe_hook(const struct hb_probe_env *env, const struct hb_hook *hook,
		   enum hb_payload payload, struct hb_support *out)
{
	memset(out, 0, sizeof(*out));
	switch (hook->kind) {
	case HB_ATTACH_TRACEPOINT:
		probe_tracepoint(hook, out);
		break;
	case HB_ATTACH_KPROBE:
		probe_kprobe(env, payload, out);
		break;
	}
}
