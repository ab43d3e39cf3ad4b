// SPDX-License-Identifier: GPL-2.0-only
#include "hooks.h"

#include <string.h>

#include "kinds/kind.h"

#define STABLE "stable ABI (tracepoint)"
#define RAW_STABLE "stable ABI (raw tracepoint, all syscalls)"
#define INTERNAL "internal symbol"

const struct hb_hook hb_hooks[] = {
	[HB_HOOK_TRACEPOINT] = { .name = "tracepoint", .family = "tracepoint", .prog = "hb_tracepoint",
	  .ops = &hb_kind_tracepoint, .tp_category = "syscalls", .tp_name = "sys_enter_unlinkat",
	  .stability = STABLE },
	{ .name = "tracepoint_exit", .family = "tracepoint", .prog = "hb_tracepoint_exit",
	  .ops = &hb_kind_tracepoint, .tp_category = "syscalls", .tp_name = "sys_exit_unlinkat",
	  .stability = STABLE },
	{ .name = "raw_tp", .family = "tracepoint", .prog = "hb_raw_tp",
	  .ops = &hb_kind_raw_tp, .tp_category = "raw_syscalls", .tp_name = "sys_enter",
	  .stability = RAW_STABLE },
	{ .name = "tp_btf", .family = "tracepoint", .prog = "hb_tp_btf",
	  .ops = &hb_kind_tp_btf, .tp_category = "raw_syscalls", .tp_name = "sys_enter",
	  .stability = RAW_STABLE },
	[HB_HOOK_KPROBE] = { .name = "kprobe", .family = "kprobe", .prog = "hb_kprobe",
	  .ops = &hb_kind_kprobe, .filename_arg = true, .function_entry = true,
	  .stability = INTERNAL },
	{ .name = "kprobe_offset", .family = "kprobe", .prog = "hb_kprobe_offset",
	  .ops = &hb_kind_kprobe, .at_offset = true, .stability = INTERNAL " + offset" },
	{ .name = "kretprobe", .family = "kprobe", .prog = "hb_kretprobe",
	  .ops = &hb_kind_kprobe, .retprobe = true, .stability = INTERNAL },
	{ .name = "kprobe_multi", .family = "kprobe", .prog = "hb_kprobe_multi",
	  .ops = &hb_kind_kprobe_multi, .filename_arg = true, .function_entry = true,
	  .stability = INTERNAL },
	{ .name = "fentry", .family = "fentry", .prog = "hb_fentry",
	  .ops = &hb_kind_tracing, .filename_arg = true, .function_entry = true,
	  .stability = INTERNAL },
	{ .name = "fexit", .family = "fentry", .prog = "hb_fexit",
	  .ops = &hb_kind_tracing, .stability = INTERNAL },
	/* Deeper in: only where a name is really removed, on the resolved dentry. */
	{ .name = "lsm", .family = "deep", .prog = "hb_lsm", .ops = &hb_kind_lsm,
	  .dentry_arg = 2, .removes_only = true, .function = "bpf_lsm_path_unlink",
	  .stability = "LSM hook (path_unlink)" },
	{ .name = "kprobe_security", .family = "deep", .prog = "hb_kprobe_security",
	  .ops = &hb_kind_kprobe, .dentry_arg = 2, .removes_only = true,
	  .function = "security_path_unlink", .stability = INTERNAL },
	{ .name = "fentry_security", .family = "deep", .prog = "hb_fentry_security",
	  .ops = &hb_kind_tracing, .dentry_arg = 2, .removes_only = true,
	  .function = "security_path_unlink", .stability = INTERNAL },
	{ .name = "kprobe_vfs", .family = "deep", .prog = "hb_kprobe_vfs",
	  .ops = &hb_kind_kprobe, .dentry_arg = 3, .removes_only = true,
	  .function = "vfs_unlink", .stability = INTERNAL },
	{ .name = "fentry_vfs", .family = "deep", .prog = "hb_fentry_vfs",
	  .ops = &hb_kind_tracing, .dentry_arg = 3, .removes_only = true,
	  .function = "vfs_unlink", .stability = INTERNAL },
	/* The kernel lets fmod_ret change security_* functions (and error-injection ones). */
	{ .name = "fmod_ret", .family = "deep", .prog = "hb_fmod_ret",
	  .ops = &hb_kind_tracing, .dentry_arg = 2, .removes_only = true,
	  .function = "security_path_unlink", .stability = INTERNAL },
};
const size_t hb_nhooks = sizeof(hb_hooks) / sizeof(hb_hooks[0]);
_Static_assert(sizeof(hb_hooks) / sizeof(hb_hooks[0]) <= HB_MAX_HOOKS,
	       "raise HB_MAX_HOOKS with the table");

const char *const hb_payload_names[HB_PAYLOAD_MAX] = {
	[HB_PAYLOAD_EMPTY] = "empty",
	[HB_PAYLOAD_COUNT] = "count",
	[HB_PAYLOAD_CAPTURE] = "capture",
	[HB_PAYLOAD_RINGBUF] = "ringbuf",
	[HB_PAYLOAD_PRINTK] = "printk",
	[HB_PAYLOAD_DENY] = "deny",
};

const struct hb_hook *hb_hook_find(const char *name)
{
	for (size_t i = 0; i < hb_nhooks; i++)
		if (strcmp(hb_hooks[i].name, name) == 0)
			return &hb_hooks[i];
	return NULL;
}

size_t hb_hook_names(const char *names[static HB_MAX_HOOKS])
{
	for (size_t i = 0; i < hb_nhooks; i++)
		names[i] = hb_hooks[i].name;
	return hb_nhooks;
}

const char *hb_hook_kind(const struct hb_hook *hook)
{
	return hook->ops->name;
}

enum hb_cost_lands hb_hook_cost_lands(const struct hb_hook *hook)
{
	return hb_cost_lands_of(hook->tp_category, hook->tp_name);
}
