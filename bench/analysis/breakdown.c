// SPDX-License-Identifier: GPL-2.0-only
#include "breakdown.h"

#include <math.h>
#include <string.h>

bool hb_breakdown_available(const struct hb_results *r)
{
	for (size_t i = 0; i < r->summary.nrows; i++)
		if (!isnan(hb_results_num(r, i, "dispatch_ns")))
			return true;
	return false;
}

/* raw_tp and tp_btf attach to the raw syscall tracepoints, which every syscall passes. */
static bool runs_on_every_syscall(const struct hb_results *r, size_t row)
{
	const char *at = hb_results_str(r, row, "attach_point");

	return !strcmp(at, "sys_enter") || !strcmp(at, "sys_exit");
}

double hb_breakdown_prog_beyond(const struct hb_results *r, long row, double *floor)
{
	const struct hb_match m[] = { { "hook", hb_results_str(r, (size_t)row, "hook") }, { "payload", "empty" },
				      { "mode", hb_results_str(r, (size_t)row, "mode") },
				      { "threads", hb_results_str(r, (size_t)row, "threads") }, { NULL, NULL } };
	long empty = hb_results_find(r, m);

	*floor = empty >= 0 && hb_results_ok(r, (size_t)empty) ? hb_results_num(r, (size_t)empty, "prog_ns_per_run") : NAN;
	return hb_results_num(r, (size_t)row, "prog_ns_per_run") - *floor;
}

bool hb_breakdown_of(const struct hb_results *r, long row, struct hb_breakdown *b)
{
	struct hb_estimate e = hb_results_estimate(r, row);

	if (!e.ok)
		return false;
	b->whole = e.est;
	b->dispatch = hb_results_num(r, (size_t)row, "dispatch_ns");
	b->body = hb_results_num(r, (size_t)row, "body_ns");
	b->prog = hb_results_num(r, (size_t)row, "prog_ns_per_run");
	b->prog_beyond = hb_breakdown_prog_beyond(r, row, &b->prog_floor);
	b->every_syscall = runs_on_every_syscall(r, (size_t)row);
	return true;
}

bool hb_breakdown_has_parts(const struct hb_breakdown *b)
{
	return !isnan(b->dispatch) && !isnan(b->body);
}

unsigned hb_breakdown_odd(const struct hb_breakdown *b)
{
	unsigned odd = 0;

	if (hb_breakdown_has_parts(b)) {
		if (b->body < 0)
			odd |= HB_ODD_BODY_NEGATIVE;
		if (b->dispatch < 0)
			odd |= HB_ODD_DISPATCH_NEGATIVE;
		if (!odd && (b->dispatch > b->whole || b->body > b->whole))
			odd |= HB_ODD_PART_OVER_WHOLE;
	}
	if ((isnan(b->prog_beyond) ? b->prog : b->prog_beyond) > b->whole)
		odd |= HB_ODD_PROG_OVER_WHOLE;
	return odd;
}

const char *hb_breakdown_why(unsigned odd, const struct hb_breakdown *b)
{
	switch (odd) {
	case HB_ODD_BODY_NEGATIVE:
		return "body below 0, so dispatch exceeds the whole: in the same rounds the payload "
		       "measured cheaper than the `empty` program, i.e. what the payload adds is below "
		       "what this run resolves";
	case HB_ODD_DISPATCH_NEGATIVE:
		return "dispatch below 0: the `empty` program's added cost is below what this run "
		       "resolves";
	case HB_ODD_PART_OVER_WHOLE:
		return "a part above the whole: dispatch, body and the whole are each the median of "
		       "their own paired differences, so they need not add up exactly";
	case HB_ODD_PROG_OVER_WHOLE:
		if (b->every_syscall)
			return "in-program time above the added cost: this program runs on every "
			       "syscall, and bpf_stats averages its time over all of those runs, in "
			       "separate blocks; it is a different measurement, not a part of the added cost";
		return "in-program time above the added cost: bpf_stats times every run in separate "
		       "blocks; it is a different measurement, not a part of the added cost";
	default:
		return "";
	}
}
