/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The table of hooks hookbench knows, and the only copy of their names.
 * A hook of an existing kind = one BPF program + one row; a new kind = one
 * file in kinds/ (see kinds/kind.h) + its BPF program + its rows.
 */
#ifndef HB_HOOKS_H
#define HB_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

#include "cost_lands.h"
#include "hookbench.h"

/* The most rows the table may have: callers size name arrays with it. */
#define HB_MAX_HOOKS 24

struct hb_attach_ops;
struct hb_object_prog;

struct hb_hook {
	const char *name;        /* the name in CLIs and CSVs */
	const char *family;      /* the BPF object (bpf/<family>.bpf.c) */
	const char *prog;        /* the program in that object */
	const struct hb_attach_ops *ops; /* its kind: how it is probed, attached, described */
	bool retprobe;           /* kprobes: on return */
	bool at_offset;          /* kprobes: inside the function, not at its entry */
	bool filename_arg;       /* capture reads the target function's struct filename * argument */
	int dentry_arg;          /* > 0: capture reads the struct dentry * argument number
				  * dentry_arg - 1 of the function (0: none) */
	bool removes_only;       /* fires only when a name is really removed, never on a
				  * failed lookup: 0 events expected in enoent mode */
	const char *function;    /* kernel-function kinds: this function; NULL: the one behind
				  * unlinkat (do_unlinkat, filename_unlinkat) */
	bool function_entry;     /* on a kernel function's entry, named by the caller: the
				  * reentry experiment's B hooks */
	const char *tp_category; /* tracepoints: the category tracefs lists it under */
	const char *tp_name;     /* tracepoints, perf and raw */
	const char *stability;   /* what the attach point promises across kernels */
	const struct hb_object_prog *object; /* a program of the user's object (--object,
					      * object.h): family is its path; NULL: built in */
};

/*
 * The rows others name: the tracepoint on unlinkat (the default reference
 * hook, the one the question is about) and the kprobe on its function. The
 * table sets them by index, so a row moved in front of them fails to build.
 */
enum { HB_HOOK_TRACEPOINT = 0, HB_HOOK_KPROBE = 4 };

extern const struct hb_hook hb_hooks[];
extern const size_t hb_nhooks;

extern const char *const hb_payload_names[HB_PAYLOAD_MAX];

const struct hb_hook *hb_hook_find(const char *name);

/* Fill names with every hook's name, in table order. Returns hb_nhooks. */
size_t hb_hook_names(const char *names[static HB_MAX_HOOKS]);

/* The hook's kind, e.g. "kprobe" for kprobe, kretprobe and kprobe_offset. */
const char *hb_hook_kind(const struct hb_hook *hook);

/* Where the hook's cost lands, from what it attaches to (common/cost_lands.h). */
enum hb_cost_lands hb_hook_cost_lands(const struct hb_hook *hook);

#endif
