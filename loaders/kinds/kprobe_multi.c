// SPDX-License-Identifier: GPL-2.0-only
/* kprobe.multi links (fprobe) on the kernel function behind unlinkat. */
#include "kconfig.h"
#include "kind.h"

static int probe_kprobe_multi(const struct hb_probe_env *env, const struct hb_hook *hook,
			      struct hb_support *sup)
{
	hb_probe_note_function(hook, sup);
	if (hb_kconfig_disabled(&env->kconfig, "FPROBE"))
		return hb_unsupported(sup, "kernel built without CONFIG_FPROBE (kprobe_multi links need it)");
	return hb_probe_function(hook, sup);
}

static int attach_kprobe_multi(struct bpf_program *prog, const struct hb_attach_point *at,
			       struct bpf_link **link)
{
	const char *syms[1] = { at->target };
	LIBBPF_OPTS(bpf_kprobe_multi_opts, opts, .syms = syms, .cnt = 1);

	return hb_attach_result(bpf_program__attach_kprobe_multi_opts(prog, NULL, &opts), link);
}

const struct hb_attach_ops hb_kind_kprobe_multi = {
	.name = "kprobe_multi",
	.probe = probe_kprobe_multi,
	.attach = attach_kprobe_multi,
	.flavour = "fprobe",
	.missed_field = "kprobe_multi.missed",
};
