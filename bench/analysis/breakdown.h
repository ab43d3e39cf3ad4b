/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A row's added cost split into parts: dispatch (the hook's `empty`
 * program's added cost) and body (the payload minus empty, same rounds),
 * with bpf_stats' in-program time beside them, and the cases where a part
 * comes out larger than its whole and a reader needs to be told why.
 */
#ifndef HB_ANALYSIS_BREAKDOWN_H
#define HB_ANALYSIS_BREAKDOWN_H

#include <stdbool.h>

#include "results.h"

struct hb_breakdown {
	double whole;       /* overhead_ns_per_event */
	double dispatch;    /* dispatch_ns; NAN when `empty` was not measured */
	double body;        /* body_ns; NAN likewise */
	double prog;        /* prog_ns_per_run; NAN without bpf_stats blocks */
	/* The same hook's `empty` program's in-program time (same mode and threads):
	 * mostly bpf_stats' own clock reads, not program work. NAN without one. */
	double prog_floor;
	double prog_beyond; /* prog - prog_floor: what the payload spends in the program */
	bool every_syscall; /* the program runs on every syscall, not only unlinkat */
};

/* What a breakdown shows that a reader would take for an error. */
enum {
	HB_ODD_BODY_NEGATIVE = 1 << 0,     /* payload measured cheaper than empty */
	HB_ODD_DISPATCH_NEGATIVE = 1 << 1, /* empty measured cheaper than nothing */
	HB_ODD_PART_OVER_WHOLE = 1 << 2,   /* both parts >= 0, one above the whole */
	HB_ODD_PROG_OVER_WHOLE = 1 << 3,   /* in-program time above the added cost */
};

/* True when some row of r has the parts (the run measured `empty`). */
bool hb_breakdown_available(const struct hb_results *r);

/* The breakdown of row; false when the row is not an ok measured one. */
bool hb_breakdown_of(const struct hb_results *r, long row, struct hb_breakdown *b);

/* row's in-program time beyond its hook's `empty` program (NAN without both). */
double hb_breakdown_prog_beyond(const struct hb_results *r, long row, double *floor);

/* True when b has both parts. */
bool hb_breakdown_has_parts(const struct hb_breakdown *b);

/* The HB_ODD_* flags of b. */
unsigned hb_breakdown_odd(const struct hb_breakdown *b);

/* Why one HB_ODD_* flag happens, a sentence for the report (no full stop). */
const char *hb_breakdown_why(unsigned odd, const struct hb_breakdown *b);

#endif
