/* SPDX-License-Identifier: GPL-2.0-only */
/* The table of hooks hookbench knows. Adding a hook = one BPF program + one entry. */
#ifndef HB_HOOKS_H
#define HB_HOOKS_H

#include <stddef.h>

#include "hookbench.h"

enum hb_attach_kind {
	HB_ATTACH_TRACEPOINT, /* perf tracepoint event */
	HB_ATTACH_KPROBE,     /* kprobe on the resolved unlinkat function */
};

struct hb_hook {
	const char *name;        /* the name in CLIs and CSVs */
	const char *family;      /* the BPF object (bpf/<family>.bpf.c) */
	const char *prog;        /* the program in that object */
	enum hb_attach_kind kind;
	const char *tp_category; /* tracepoints only */
	const char *tp_name;
	const char *stability;   /* what the attach point promises across kernels */
};

extern const struct hb_hook hb_hooks[];
extern const size_t hb_nhooks;
extern const char *const hb_hook_names[];

extern const char *const hb_payload_names[HB_PAYLOAD_MAX];

const struct hb_hook *hb_hook_find(const char *name);

#endif
