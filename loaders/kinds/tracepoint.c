// SPDX-License-Identifier: GPL-2.0-only
/* Perf tracepoints: the row's tp_category:tp_name, a stable ABI. */
#include <stdio.h>

#include "kind.h"
#include "tracefs.h"

static int probe_tracepoint(const struct hb_probe_env *env, const struct hb_hook *hook,
			    struct hb_support *sup)
{
	(void)env;
	snprintf(sup->target, sizeof(sup->target), "%s:%s", hook->tp_category, hook->tp_name);
	if (!hb_tracefs_dir())
		return hb_unsupported(sup, "tracefs is not mounted (mount -t tracefs nodev %s)",
				      "/sys/kernel/tracing");
	if (!hb_tracefs_has_event(hook->tp_category, hook->tp_name))
		return hb_unsupported(sup, "no %s tracepoint (kernel built without CONFIG_FTRACE_SYSCALLS?)",
				      sup->target);
	return 0;
}

static int attach_tracepoint(struct bpf_program *prog, const struct hb_attach_point *at,
			     struct bpf_link **link)
{
	return hb_attach_result(bpf_program__attach_tracepoint(prog, at->hook->tp_category,
							       at->hook->tp_name), link);
}

const struct hb_attach_ops hb_kind_tracepoint = {
	.name = "tracepoint",
	.probe = probe_tracepoint,
	.attach = attach_tracepoint,
	.flavour = "",
};
