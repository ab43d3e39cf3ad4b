// SPDX-License-Identifier: GPL-2.0-only
#include "hooks.h"

#include <string.h>

#define STABLE "stable ABI (tracepoint)"
#define INTERNAL "internal symbol"

const struct hb_hook hb_hooks[] = {
	{ .name = "tracepoint", .family = "tracepoint", .prog = "hb_tracepoint",
	  .kind = HB_ATTACH_TRACEPOINT, .tp_category = "syscalls", .tp_name = "sys_enter_unlinkat",
	  .stability = STABLE },
	{ .name = "tracepoint_exit", .family = "tracepoint", .prog = "hb_tracepoint_exit",
	  .kind = HB_ATTACH_TRACEPOINT, .tp_category = "syscalls", .tp_name = "sys_exit_unlinkat",
	  .stability = STABLE },
	{ .name = "raw_tp", .family = "tracepoint", .prog = "hb_raw_tp",
	  .kind = HB_ATTACH_RAW_TP, .tp_name = "sys_enter",
	  .stability = "stable ABI (raw tracepoint, all syscalls)" },
	{ .name = "tp_btf", .family = "tracepoint", .prog = "hb_tp_btf",
	  .kind = HB_ATTACH_TP_BTF, .tp_name = "sys_enter",
	  .stability = "stable ABI (raw tracepoint, all syscalls)" },
	{ .name = "kprobe", .family = "kprobe", .prog = "hb_kprobe",
	  .kind = HB_ATTACH_KPROBE, .filename_arg = true, .stability = INTERNAL },
	{ .name = "kprobe_offset", .family = "kprobe", .prog = "hb_kprobe_offset",
	  .kind = HB_ATTACH_KPROBE, .at_offset = true, .stability = INTERNAL " + offset" },
	{ .name = "kretprobe", .family = "kprobe", .prog = "hb_kretprobe",
	  .kind = HB_ATTACH_KPROBE, .retprobe = true, .stability = INTERNAL },
	{ .name = "kprobe_multi", .family = "kprobe", .prog = "hb_kprobe_multi",
	  .kind = HB_ATTACH_KPROBE_MULTI, .filename_arg = true, .stability = INTERNAL },
	{ .name = "fentry", .family = "fentry", .prog = "hb_fentry",
	  .kind = HB_ATTACH_TRACING, .filename_arg = true, .stability = INTERNAL },
	{ .name = "fexit", .family = "fentry", .prog = "hb_fexit",
	  .kind = HB_ATTACH_TRACING, .stability = INTERNAL },
};
const size_t hb_nhooks = sizeof(hb_hooks) / sizeof(hb_hooks[0]);

const char *const hb_hook_names[] = {
	"tracepoint", "tracepoint_exit", "raw_tp", "tp_btf",
	"kprobe", "kprobe_offset", "kretprobe", "kprobe_multi", "fentry", "fexit",
};
_Static_assert(sizeof(hb_hook_names) / sizeof(hb_hook_names[0]) ==
	       sizeof(hb_hooks) / sizeof(hb_hooks[0]), "one name per hook");

const char *const hb_payload_names[HB_PAYLOAD_MAX] = {
	[HB_PAYLOAD_EMPTY] = "empty",
	[HB_PAYLOAD_COUNT] = "count",
	[HB_PAYLOAD_CAPTURE] = "capture",
	[HB_PAYLOAD_RINGBUF] = "ringbuf",
	[HB_PAYLOAD_PRINTK] = "printk",
};

const struct hb_hook *hb_hook_find(const char *name)
{
	for (size_t i = 0; i < hb_nhooks; i++)
		if (strcmp(hb_hooks[i].name, name) == 0)
			return &hb_hooks[i];
	return NULL;
}

bool hb_hook_needs_symbol(const struct hb_hook *hook)
{
	return hook->kind == HB_ATTACH_KPROBE || hook->kind == HB_ATTACH_KPROBE_MULTI ||
	       hook->kind == HB_ATTACH_TRACING;
}
