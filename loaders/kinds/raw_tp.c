// SPDX-License-Identifier: GPL-2.0-only
/*
 * Raw tracepoints on the syscall tracepoints (the row's tp_category is
 * raw_syscalls): raw_tp by name, and tp_btf, the same tracepoint with
 * BTF-typed arguments, which also needs the tracepoint's btf_trace_ typedef.
 */
#include <bpf/btf.h>
#include <stdio.h>

#include "kconfig.h"
#include "kind.h"
#include "tracefs.h"

static int probe_raw_tp(const struct hb_probe_env *env, const struct hb_hook *hook,
			struct hb_support *sup)
{
	snprintf(sup->target, sizeof(sup->target), "%s", hook->tp_name);
	if (hb_kconfig_disabled(&env->kconfig, "FTRACE_SYSCALLS") ||
	    (hb_tracefs_dir() && !hb_tracefs_has_event(hook->tp_category, hook->tp_name)))
		return hb_unsupported(sup, "no %s:%s tracepoint (kernel built without CONFIG_FTRACE_SYSCALLS)",
				      hook->tp_category, hook->tp_name);
	return 0;
}

static int attach_raw_tp(struct bpf_program *prog, const struct hb_attach_point *at,
			 struct bpf_link **link)
{
	return hb_attach_result(bpf_program__attach_raw_tracepoint(prog, at->hook->tp_name), link);
}

const struct hb_attach_ops hb_kind_raw_tp = {
	.name = "raw_tp",
	.probe = probe_raw_tp,
	.attach = attach_raw_tp,
	.flavour = "",
};

static int probe_tp_btf(const struct hb_probe_env *env, const struct hb_hook *hook,
			struct hb_support *sup)
{
	char typedef_name[64];
	int err;

	err = probe_raw_tp(env, hook, sup);
	if (err)
		return err;
	snprintf(typedef_name, sizeof(typedef_name), "btf_trace_%s", hook->tp_name);
	if (!env->btf || btf__find_by_name_kind(env->btf, typedef_name, BTF_KIND_TYPEDEF) < 0)
		return hb_unsupported(sup, "no %s in the kernel's BTF (tp_btf needs it)", typedef_name);
	return 0;
}

/* The target is in the program's SEC("tp_btf/...") name, resolved at load. */
static int attach_tp_btf(struct bpf_program *prog, const struct hb_attach_point *at,
			 struct bpf_link **link)
{
	(void)at;
	return hb_attach_result(bpf_program__attach_trace(prog), link);
}

const struct hb_attach_ops hb_kind_tp_btf = {
	.name = "tp_btf",
	.probe = probe_tp_btf,
	.attach = attach_tp_btf,
	.flavour = "",
};
