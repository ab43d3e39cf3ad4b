/* SPDX-License-Identifier: GPL-2.0-only */
/* How the kernel implemented a kprobe, from /sys/kernel/debug/kprobes/list. */
#ifndef HB_KPROBES_LIST_H
#define HB_KPROBES_LIST_H

#include <stdbool.h>
#include <stdio.h>

#define HB_KPROBES_LIST "/sys/kernel/debug/kprobes/list"

struct hb_kprobe_entry {
	bool retprobe;
	unsigned long offset; /* as listed (IBT kernels list an entry probe at +0x4) */
	bool ftrace;          /* [FTRACE]: rides the function's ftrace call site */
	bool optimized;       /* [OPTIMIZED]: a jump instead of int3 */
	bool disabled;        /* [DISABLED] */
	bool gone;            /* [GONE]: its module went away */
};

/*
 * Find the probe on sym at offset (0: the entry, wherever the kernel put it)
 * of the given kind in kprobes/list text. Returns 0, -ENOENT when absent.
 */
int hb_kprobes_list_find(FILE *list, const char *sym, unsigned long offset, bool retprobe,
			 struct hb_kprobe_entry *out);

/* "ftrace", "optimized", or the breakpoint: "int3" (x86), "brk" (arm64). */
const char *hb_kprobe_flavour(const struct hb_kprobe_entry *e);

#endif
