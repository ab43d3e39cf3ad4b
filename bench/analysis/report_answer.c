// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paragraph report.md opens with: the design question answered with
 * this run's numbers (cheapest hook per unlinkat, what the tracepoint and
 * the kprobe add per unlinkat and per other syscall, where the answer flips).
 */
#include <math.h>
#include <string.h>

#include "breakeven.h"
#include "hooks.h"
#include "report_parts.h"

/* "the tracepoint adds 220.0 ns per `unlinkat()` and 18.0 ns per other syscall (...)", in the run's unit. */
static void hook_costs(FILE *f, const struct hb_breakeven *be, const char *hook, const char *name,
		       const char *unit)
{
	long k = hb_breakeven_find(be, hook);
	const struct hb_be_hook *h = k >= 0 ? &be->hook[k] : NULL;

	fprintf(f, "%s", name);
	if (!h) {
		fputs(" was not in this run", f);
		return;
	}
	if (h->status != HB_BE_MEASURED && h->status != HB_BE_NO_OTHER) {
		fputs(": ", f);
		report_not_measured(f, h);
		return;
	}
	fprintf(f, " adds %.1f %s per `unlinkat()`", h->unlinkat.est, unit);
	if (h->status == HB_BE_NO_OTHER)
		return;
	fprintf(f, " and %.1f %s per other syscall", h->other.est, unit);
	if (h->remote_worse)
		fputs(" (measured from another CPU, where it costs more)", f);
}

static bool kprobe_measured(const struct hb_breakeven *be)
{
	long k = hb_breakeven_find(be, hb_hooks[HB_HOOK_KPROBE].name);

	return k >= 0 && be->hook[k].unlinkat.ok;
}

/* Where the cheapest hook per unlinkat stops being the cheapest in total. */
static void flip(FILE *f, const struct hb_breakeven *be, const char *unit)
{
	long a = hb_breakeven_cheapest(be), z = hb_breakeven_least_collateral(be);
	struct hb_crossing c;

	if (!be->any_other) {
		fputs(" What each hook adds to other syscalls, and so the share of `unlinkat()` calls where "
		      "the answer flips, was not measured (`hookbench run --mode enoent,other`).", f);
		return;
	}
	if (a < 0) {
		fputs(" No hook was measured on other syscalls too, so where the answer flips is not "
		      "known.", f);
		return;
	}
	if (a == z) {
		fprintf(f, " The answer does not flip: %s also adds the least to other syscalls (%.1f %s), "
			"so it costs least at every unlinkat share.", be->hook[a].hook, be->hook[a].other.est, unit);
		return;
	}
	c = report_crossing(&be->hook[a], &be->hook[z]);
	if (!c.crosses) {
		fprintf(f, " The answer does not flip between %s and %s: %s costs less at every unlinkat "
			"share.", be->hook[a].hook, be->hook[z].hook, be->hook[c.always ? z : a].hook);
		return;
	}
	fputs(" The answer flips at an unlinkat share of ", f);
	report_share(f, c.share);
	if (!isnan(c.low) && !isnan(c.high)) {
		fputs(" [", f);
		report_share(f, c.low);
		fputs(", ", f);
		report_share(f, c.high);
		fputc(']', f);
	}
	fprintf(f, ": where fewer of all syscalls are `unlinkat()`, **%s** (%.1f %s per other "
		"syscall) costs less in total than %s (%.1f %s); see Break-even.", be->hook[z].hook,
		be->hook[z].other.est, unit, be->hook[a].hook, be->hook[a].other.est, unit);
}

void report_answer(const struct report *rp)
{
	const char *unit = hb_results_unit(rp->r);
	char tracepoint[128];
	struct hb_breakeven be;
	long a;
	FILE *f = rp->f;

	hb_breakeven_collect(rp->r, hb_results_ref_payload(rp->r), &be);
	if (!be.n || !be.hook[0].unlinkat.ok)
		return; /* nothing measured: the headline says so */
	fprintf(f, "**Verdict**: per `unlinkat()` call the cheapest hook measured is **%s** (%.1f %s, "
		"payload `%s`)", be.hook[0].hook, be.hook[0].unlinkat.est, unit,
		be.payload);
	a = hb_breakeven_cheapest(&be);
	if (a > 0)
		fprintf(f, "; the least added per `unlinkat()` among the hooks measured on other "
			"syscalls too: **%s** (%.1f %s)", be.hook[a].hook, be.hook[a].unlinkat.est, unit);
	fputs("; ", f);
	snprintf(tracepoint, sizeof(tracepoint), "the `%s` tracepoint", hb_hooks[HB_HOOK_TRACEPOINT].tp_name);
	hook_costs(f, &be, hb_hooks[HB_HOOK_TRACEPOINT].name, tracepoint, unit);
	fputs("; ", f);
	hook_costs(f, &be, hb_hooks[HB_HOOK_KPROBE].name, "the kprobe", unit);
	if (!kprobe_measured(&be))
		report_vm_kprobe(rp, be.payload);
	fputc('.', f);
	flip(f, &be, unit);
	fputs("\n\n", f);
}
