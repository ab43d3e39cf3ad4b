// SPDX-License-Identifier: GPL-2.0-only
#include "probe.h"

#include <bpf/btf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "btf_info.h"
#include "kprobes_list.h"
#include "ksym.h"
#include "parse.h"
#include "session.h"
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

static bool unsupported(struct hb_support *out, const char *fmt, const char *a, const char *b)
{
	out->supported = false;
	snprintf(out->reason, sizeof(out->reason), fmt, a, b);
	return false;
}

/* True when the config says key is "is not set" (not when it is unknown). */
static bool config_off(const struct hb_kconfig *kc, const char *key)
{
	const char *v = hb_kconfig_get(kc, key);

	return v && strcmp(v, "n") == 0;
}

static bool tracefs_event(const char *category, const char *name)
{
	const char *dir = hb_tracefs_dir();
	char path[512];

	snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir ? dir : "", category, name);
	return dir && access(path, R_OK) == 0;
}

static bool probe_tracepoint(const struct hb_hook *h, struct hb_support *out)
{
	snprintf(out->target, sizeof(out->target), "%s:%s", h->tp_category, h->tp_name);
	if (!hb_tracefs_dir())
		return unsupported(out, "tracefs is not mounted (mount -t tracefs nodev %s)",
				   "/sys/kernel/tracing", "");
	if (!tracefs_event(h->tp_category, h->tp_name))
		return unsupported(out, "no %s tracepoint (kernel built without CONFIG_FTRACE_SYSCALLS?)%s",
				   out->target, "");
	return true;
}

static bool probe_raw_tp(const struct hb_probe_env *env, const struct hb_hook *h,
			 struct hb_support *out)
{
	char typedef_name[64];

	snprintf(out->target, sizeof(out->target), "%s", h->tp_name);
	if (config_off(&env->kconfig, "FTRACE_SYSCALLS") ||
	    (hb_tracefs_dir() && !tracefs_event("raw_syscalls", h->tp_name)))
		return unsupported(out, "no raw_syscalls:%s tracepoint (kernel built without CONFIG_FTRACE_SYSCALLS)%s",
				   h->tp_name, "");
	if (h->kind != HB_ATTACH_TP_BTF)
		return true;
	snprintf(typedef_name, sizeof(typedef_name), "btf_trace_%s", h->tp_name);
	if (!env->btf || btf__find_by_name_kind(env->btf, typedef_name, BTF_KIND_TYPEDEF) < 0)
		return unsupported(out, "no %s in the kernel's BTF (tp_btf needs it)%s", typedef_name, "");
	return true;
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

/* What the kernel needs for each kind of function hook, before the symbol. */
static bool probe_function_hook_interface(const struct hb_probe_env *env, const struct hb_hook *h,
					  struct hb_support *out)
{
	const struct hb_kconfig *kc = &env->kconfig;

	switch (h->kind) {
	case HB_ATTACH_KPROBE:
		if (config_off(kc, "KPROBES"))
			return unsupported(out, "kernel built without CONFIG_KPROBES (no kprobe PMU, no kprobe_events)%s%s", "", "");
		if (h->retprobe && config_off(kc, "KRETPROBES"))
			return unsupported(out, "kernel built without CONFIG_KRETPROBES%s%s", "", "");
		if (!kprobe_interface_present())
			return unsupported(out, "no kprobe PMU (%s) and no kprobe_events in tracefs%s", KPROBE_PMU, "");
		return true;
	case HB_ATTACH_KPROBE_MULTI:
		if (config_off(kc, "FPROBE"))
			return unsupported(out, "kernel built without CONFIG_FPROBE (kprobe_multi links need it)%s%s", "", "");
		return true;
	case HB_ATTACH_TRACING:
		if (config_off(kc, "DYNAMIC_FTRACE_WITH_DIRECT_CALLS"))
			return unsupported(out, "kernel built without CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS (no BPF trampolines)%s%s", "", "");
		return true;
	default:
		return true;
	}
}

static bool probe_function_hook(const struct hb_probe_env *env, const struct hb_hook *h,
				enum hb_payload payload, struct hb_support *out)
{
	char names[128];

	if (!probe_function_hook_interface(env, h, out))
		return false;
	if (hb_ksym_resolve_running(hb_unlinkat_candidates, hb_unlinkat_ncandidates,
				    out->target, sizeof(out->target))) {
		hb_join_choices(hb_unlinkat_candidates, hb_unlinkat_ncandidates, names, sizeof(names));
		return unsupported(out, "none of %s is a kernel text symbol in /proc/kallsyms%s", names, "");
	}
	if (h->kind == HB_ATTACH_KPROBE && on_kprobe_blacklist(out->target))
		return unsupported(out, "%s is on the kprobe blacklist%s", out->target, "");
	if (h->kind == HB_ATTACH_TRACING &&
	    (!env->btf || btf__find_by_name_kind(env->btf, out->target, BTF_KIND_FUNC) < 0))
		return unsupported(out, "%s has no BTF function record (fentry/fexit need one)%s",
				   out->target, "");
	if (payload >= HB_PAYLOAD_CAPTURE && h->filename_arg &&
	    !(env->btf && hb_btf_func_arg_is_struct_ptr(env->btf, out->target, 1, "filename")))
		return unsupported(out, "capture needs %s(int, struct filename *) in BTF; this kernel's %s differs",
				   out->target, out->target);
	return true;
}

void hb_probe_hook(const struct hb_probe_env *env, const struct hb_hook *hook,
		   enum hb_payload payload, struct hb_support *out)
{
	memset(out, 0, sizeof(*out));
	switch (hook->kind) {
	case HB_ATTACH_TRACEPOINT:
		out->supported = probe_tracepoint(hook, out);
		break;
	case HB_ATTACH_RAW_TP:
	case HB_ATTACH_TP_BTF:
		out->supported = probe_raw_tp(env, hook, out);
		break;
	case HB_ATTACH_KPROBE:
	case HB_ATTACH_KPROBE_MULTI:
	case HB_ATTACH_TRACING:
		out->supported = probe_function_hook(env, hook, payload, out);
		break;
	}
}

#define MAX_OFFSET 64

/*
 * The first instruction boundary past the ftrace call site where a kprobe
 * attaches. The kernel decodes the function and refuses anything that is not
 * a boundary (EILSEQ), so each try is safe; kprobes/list says whether a probe
 * rides ftrace. Without kprobes/list, start past the 5-byte call (and the
 * 4-byte IBT landing pad before it where the kernel has IBT).
 */
static int find_offset(const struct hb_probe_env *env, struct hb_session *s,
		       struct hb_support *sup, char *why, size_t len)
{
	bool list = access(HB_KPROBES_LIST, R_OK) == 0;
	unsigned long off = list ? 1 : hb_kconfig_enabled(&env->kconfig, "X86_KERNEL_IBT") ? 9 : 5;
	char flavour[32];
	int err;

	for (; off <= MAX_OFFSET; off++) {
		hb_session_set_offset(s, off);
		err = hb_session_attach(s, why, len);
		if (err == -EILSEQ || err == -EINVAL)
			continue;
		if (err)
			return err;
		err = hb_session_flavour(s, flavour, sizeof(flavour));
		hb_session_detach(s);
		if (list && !err && strcmp(flavour, "ftrace") == 0)
			continue;
		sup->offset = off;
		return 0;
	}
	snprintf(why, len, "no instruction boundary past the ftrace call site in the first %d bytes of %s takes a kprobe",
		 MAX_OFFSET, sup->target);
	return -ENOENT;
}

void hb_probe_hook_by_loading(const struct hb_probe_env *env, const struct hb_hook *hook,
			      struct hb_support *sup)
{
	struct hb_session_opts so = {
		.hook = hook, .payload = HB_PAYLOAD_COUNT, .target = sup->target,
		.tgid = getpid(), .btf_path = env->btf_path, .btf = env->btf,
	};
	struct hb_session *s = NULL;
	char why[400];

	if (!sup->supported)
		return;
	if (hb_session_open(&so, &s, why, sizeof(why)) == 0 &&
	    (hook->at_offset ? find_offset(env, s, sup, why, sizeof(why))
			     : hb_session_attach(s, why, sizeof(why))) == 0) {
		hb_session_close(s);
		return;
	}
	hb_session_close(s);
	sup->supported = false;
	snprintf(sup->reason, sizeof(sup->reason), "the kernel refused it: %s", why);
}
