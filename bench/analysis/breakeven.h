/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Break-even between hooks: a hook adds E ns to each unlinkat() (mode
 * enoent) and O ns to each other syscall (mode other, or other_remote when
 * that is worse). Where unlinkat is a share s of all syscalls, it adds
 * 1000·(s·E + (1−s)·O) ns per 1000 syscalls; two hooks cost the same at
 * the share s* where their lines cross.
 */
#ifndef HB_BREAKEVEN_H
#define HB_BREAKEVEN_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"

#define HB_BE_MAX_HOOKS 64

enum hb_be_status {
	HB_BE_MEASURED,    /* ok rows in enoent and in other (or other_remote) */
	HB_BE_NO_OTHER,    /* ok in enoent, not measured on other syscalls */
	HB_BE_UNSUPPORTED, /* the kernel could not run it */
	HB_BE_FAILED,      /* a row of it is neither ok nor unsupported */
	HB_BE_NOT_FIRED,   /* ok, but it fires only when a name is removed: no event in enoent */
};

struct hb_be_hook {
	const char *hook;
	enum hb_be_status status;
	const char *reason;         /* for unsupported and failed: the row's reason */
	struct hb_estimate unlinkat; /* E, ns per unlinkat() */
	struct hb_estimate other;    /* O, ns per other syscall */
	const char *other_mode;     /* the mode O comes from: other or other_remote */
	bool remote_worse;          /* both were measured and other_remote is the larger */
	bool between_runs;          /* the intervals are between-run ones, not within this run */
	double rank;                /* what "cheapest per unlinkat" orders by (ratio or E) */
};

/* The hooks of one payload at the fewest workload threads, cheapest per unlinkat first. */
struct hb_breakeven {
	const char *payload;
	const char *threads;
	bool by_ratio;  /* ranked by ratio_vs_reference, as the verdict tables are */
	bool any_other; /* the run has rows in mode other or other_remote at all */
	struct hb_be_hook hook[HB_BE_MAX_HOOKS];
	size_t n;
};

/*
 * The hooks of r at payload (its enoent rows, the control left out), each
 * with E and O and their intervals: the between-run interval where the row
 * has one, else the within-run 95% interval. Measured hooks first, cheapest
 * per unlinkat first; the rest after in the order of the rows.
 */
void hb_breakeven_collect(const struct hb_results *r, const char *payload, struct hb_breakeven *be);

/* The measured hook with the smallest cost per other syscall, or -1. */
long hb_breakeven_least_collateral(const struct hb_breakeven *be);

/*
 * The least E among the measured hooks (with E and O), or -1: by E, not by
 * rank, so that when it also has the least O it is the cheapest at every share.
 */
long hb_breakeven_cheapest(const struct hb_breakeven *be);

/* Hook by name, or -1. */
/*
 * summary.csv's row of hook in be's payload, threads and mode: the payload's
 * own row, or for a user's program (run --object) its `own` row, which joins
 * every payload's table. -1 when there is none.
 */
long hb_breakeven_row(const struct hb_results *r, const struct hb_breakeven *be, const char *hook,
		      const char *mode);

long hb_breakeven_find(const struct hb_breakeven *be, const char *hook);

/* Added ns per 1000 syscalls at unlinkat share s, from E and O (estimate, low, high each;
 * bounds NAN when either has none). */
struct hb_estimate hb_breakeven_total(struct hb_estimate e, struct hb_estimate o, double s);

struct hb_crossing {
	bool crosses;   /* the totals are equal at a share strictly inside (0, 1) */
	double share;   /* s*, when crosses */
	/*
	 * The range of s* over every E and O inside their intervals. An end at
	 * 0 or 1 means that within the intervals the crossing may leave (0, 1):
	 * one hook could be cheaper at every share. NAN when a figure has no
	 * interval: then the range is unknown, not the point.
	 */
	double low, high;
	int below;  /* when crosses: 0 if a costs less below s*, 1 if b does */
	int always; /* when not: 0 if a costs less (or the same) at every share, 1 if b does */
	bool firm;  /* when not: no E and O inside their intervals make them cross (false
		     * when a figure has no interval) */
};

/*
 * Where hooks a and b cost the same: s* = (O_b − O_a) / ((E_a − E_b) + (O_b − O_a)).
 * Interval rule: the differences D_E = E_a − E_b and D_O = O_a − O_b range
 * over [low_a − high_b, high_a − low_b]; s* = D_O / (D_O − D_E) is monotone
 * in each, so its range over that box is found at the box's ends.
 */
struct hb_crossing hb_breakeven_cross(struct hb_estimate ea, struct hb_estimate oa,
				      struct hb_estimate eb, struct hb_estimate ob);

#endif
