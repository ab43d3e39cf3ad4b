// SPDX-License-Identifier: GPL-2.0-only
/*
 * fentry/fexit/fmod_ret: BPF trampolines on the kernel function behind
 * unlinkat, or the row's own function, which must have a BTF function
 * record; the program learns its target before load.
 */
#include <bpf/btf.h>
#include <stdio.h>
#include <string.h>

#include "kconfig.h"
#include "kind.h"

static int probe_tracing(const struct hb_probe_env *env, const struct hb_hook *hook,
			 struct hb_support *sup)
{
	int err;

	hb_probe_note_function(hook, sup);
	if (hb_kconfig_disabled(&env->kconfig, "DYNAMIC_FTRACE_WITH_DIRECT_CALLS"))
		return hb_unsupported(sup, "kernel built without CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS (no BPF trampolines)");
	err = hb_probe_function(hook, sup);
	if (err)
		return err;
	if (!env->btf || btf__find_by_name_kind(env->btf, sup->target, BTF_KIND_FUNC) < 0)
		return hb_unsupported(sup, "%s has no BTF function record (BPF trampolines need one)",
				      sup->target);
	return 0;
}

static int set_attach_target(struct bpf_program *prog, const char *target, char *why, size_t len)
{
	int err = bpf_program__set_attach_target(prog, 0, target);

	if (err)
		snprintf(why, len, "no BTF for %s: %s", target, strerror(-err));
	return err;
}

/* The target was set before load (set_attach_target()). */
static int attach_tracing(struct bpf_program *prog, const struct hb_attach_point *at,
			  struct bpf_link **link)
{
	(void)at;
	return hb_attach_result(bpf_program__attach_trace(prog), link);
}

const struct hb_attach_ops hb_kind_tracing = {
	.name = "tracing",
	.probe = probe_tracing,
	.prepare = set_attach_target,
	.attach = attach_tracing,
	.flavour = "trampoline",
};
