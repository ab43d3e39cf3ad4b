// SPDX-License-Identifier: GPL-2.0-only
#include "hooks.h"

#include <string.h>

const struct hb_hook hb_hooks[] = {
	{
		.name = "tracepoint",
		.family = "tracepoint",
		.prog = "hb_tracepoint",
		.kind = HB_ATTACH_TRACEPOINT,
		.tp_category = "syscalls",
		.tp_name = "sys_enter_unlinkat",
		.stability = "stable ABI (tracepoint)",
	},
	{
		.name = "kprobe",
		.family = "kprobe",
		.prog = "hb_kprobe",
		.kind = HB_ATTACH_KPROBE,
		.stability = "internal symbol",
	},
};
const size_t hb_nhooks = sizeof(hb_hooks) / sizeof(hb_hooks[0]);

const char *const hb_hook_names[] = { "tracepoint", "kprobe" };
_Static_assert(sizeof(hb_hook_names) / sizeof(hb_hook_names[0]) ==
	       sizeof(hb_hooks) / sizeof(hb_hooks[0]), "one name per hook");

const char *const hb_payload_names[HB_PAYLOAD_MAX] = {
	[HB_PAYLOAD_COUNT] = "count",
	[HB_PAYLOAD_CAPTURE] = "capture",
};

const struct hb_hook *hb_hook_find(const char *name)
{
	for (size_t i = 0; i < hb_nhooks; i++)
		if (strcmp(hb_hooks[i].name, name) == 0)
			return &hb_hooks[i];
	return NULL;
}
