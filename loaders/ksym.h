/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding the kernel function behind unlinkat in kallsyms. */
#ifndef HB_KSYM_H
#define HB_KSYM_H

#include <stddef.h>
#include <stdio.h>

/*
 * Names the unlinkat implementation has had, in preference order.
 * do_unlinkat is the name today; newer kernels may rename it.
 */
extern const char *const hb_unlinkat_candidates[];
extern const size_t hb_unlinkat_ncandidates;

/*
 * Scan kallsyms text ("ADDR TYPE NAME [MODULE]" per line) for the first
 * candidate that is a text symbol of the core kernel. An exact name wins;
 * when only a compiler clone exists ("do_unlinkat.isra.0") that clone is
 * returned, since a kprobe must name the symbol that really exists.
 * ".cold" parts are never entry points and are skipped.
 * Returns 0 with the symbol in out, -ENOENT when no candidate is there,
 * -ENAMETOOLONG when out is too small.
 */
int hb_ksym_resolve(FILE *kallsyms, const char *const *candidates,
		    size_t ncandidates, char *out, size_t len);

/* hb_ksym_resolve() on /proc/kallsyms. */
int hb_ksym_resolve_running(const char *const *candidates, size_t ncandidates,
			    char *out, size_t len);

#endif
