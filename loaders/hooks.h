/* SPDX-License-Identifier: GPL-2.0-only */
/* The table of hooks hookbench knows. Adding a hook = one BPF program + one entry. */
#ifndef HB_HOOKS_H
#define HB_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

#include "hookbench.h"

enum hb_attach_kind {
	HB_ATTACH_TRACEPOINT,   /* perf tracepoint event tp_category:tp_name */
	HB_ATTACH_RAW_TP,       /* raw tracepoint tp_name */
	HB_ATTACH_TP_BTF,       /* BTF-typed raw tracepoint, target named in SEC() */
	HB_ATTACH_KPROBE,       /* kprobe or kretprobe on the resolved function */
	HB_ATTACH_KPROBE_MULTI, /* kprobe.multi link on the resolved function */
	HB_ATTACH_TRACING,      /* fentry/fexit trampoline on the resolved function */
};

struct hb_hook {
	const char *name;        /* the name in CLIs and CSVs */
	const char *family;      /* the BPF object (bpf/<family>.bpf.c) */
	const char *prog;        /* the program in that object */
	enum hb_attach_kind kind;
	bool retprobe;           /* kprobes: on return */
	bool at_offset;          /* kprobes: inside the function, not at its entry */
	bool filename_arg;       /* capture reads the function's struct filename * argument */
	const char *tp_category; /* perf tracepoints */
	const char *tp_name;     /* perf and raw tracepoints */
	const char *stability;   /* what the attach point promises across kernels */
};

extern const struct hb_hook hb_hooks[];
extern const size_t hb_nhooks;
extern const char *const hb_hook_names[];

extern const char *const hb_payload_names[HB_PAYLOAD_MAX];

const struct hb_hook *hb_hook_find(const char *name);

/* Does the hook attach to the resolved kernel function (not a tracepoint)? */
bool hb_hook_needs_symbol(const struct hb_hook *hook);

#endif
