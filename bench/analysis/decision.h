/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The decision report.md opens with: which hook to use where unlinkat() is a
 * given share of all syscalls, and at what share that changes. Hooks whose
 * intervals overlap are a tie, named together and never ranked, so that the
 * decision is the same in every run of the same machine.
 */
#ifndef HB_DECISION_H
#define HB_DECISION_H

#include <stdbool.h>
#include <stddef.h>

#include "breakeven.h"

/* Where the flip lies, in words that do not move with a run's noise. */
enum hb_flip_bucket {
	HB_FLIP_NONE,       /* the pick is the cheapest at every share */
	HB_FLIP_UNDER_1,    /* s* < 1% */
	HB_FLIP_1_TO_10,    /* 1% <= s* < 10% */
	HB_FLIP_10_TO_50,   /* 10% <= s* < 50% */
	HB_FLIP_OVER_50,    /* s* >= 50% */
};

struct hb_decision {
	double share;
	/* The hooks to use: the cheapest in total at share, and every hook whose
	 * total's interval overlaps its; indices into the breakeven, in the
	 * order of the hook table (hooks.h), not by cost. */
	size_t pick[HB_BE_MAX_HOOKS];
	size_t npick;
	size_t best; /* the pick's cheapest at share, by estimate (for the flip) */
	/* Where the pick stops being the cheapest, nearest to share; up: above it. */
	enum hb_flip_bucket bucket;
	bool up;
	struct hb_crossing flip; /* between best and crosser */
	size_t crosser;
	/* The hooks cheaper beyond the flip: the tie at 100% (up) or 0% (down) of
	 * the hooks outside the pick, in hook-table order. */
	size_t alt[HB_BE_MAX_HOOKS];
	size_t nalt;
};

/* The decision over be's measured hooks at share (0..1); -ENOENT when none was measured. */
int hb_decide(const struct hb_breakeven *be, double share, struct hb_decision *d);

/* The bucket of s* (0..1). */
enum hb_flip_bucket hb_flip_bucket_of(double s);

/* Two intervals overlap (a tie): est when a figure has no interval. */
bool hb_overlap(struct hb_estimate a, struct hb_estimate b);

#endif
