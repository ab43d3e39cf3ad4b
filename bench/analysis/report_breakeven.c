// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Break-even section of report.md: each hook's total added cost per
 * 1000 syscalls as unlinkat's share of them changes, and where two hooks
 * swap places.
 */
#include <math.h>
#include <string.h>

#include "breakeven.h"
#include "report_parts.h"

/* Shares the table gives totals at. */
static const double shares[] = { 0.01, 0.1, 1 };

void report_share(FILE *f, double s)
{
	fprintf(f, "%.3g%%", 100 * s);
}

void report_share_interval(FILE *f, const struct hb_crossing *c)
{
	report_share(f, c->share);
	if (isnan(c->low) || isnan(c->high)) {
		fputs(" (no interval: a figure it comes from has none)", f);
		return;
	}
	fputs(" [", f);
	report_share(f, c->low);
	fputs(", ", f);
	report_share(f, c->high);
	fputc(']', f);
}

void report_not_measured(FILE *f, const struct hb_be_hook *h)
{
	switch (h->status) {
	case HB_BE_UNSUPPORTED:
		fputs("not measured here: ", f);
		report_cell(f, *h->reason ? h->reason : "unsupported on this kernel");
		break;
	case HB_BE_FAILED:
		fputs("not measured here: the run failed for it", f);
		if (*h->reason) {
			fputs(" (", f);
			report_cell(f, h->reason);
			fputc(')', f);
		}
		break;
	case HB_BE_NO_OTHER:
		fputs("per other syscall not measured in this run", f);
		break;
	case HB_BE_NOT_FIRED:
		fputs("not compared: ", f);
		report_cell(f, h->reason);
		break;
	case HB_BE_MEASURED:
		break;
	}
}

struct hb_crossing report_crossing(const struct hb_be_hook *a, const struct hb_be_hook *b)
{
	return hb_breakeven_cross(a->unlinkat, a->other, b->unlinkat, b->other);
}

/* "below S [L, H] b costs less in total, above it a" or "no crossing: ..." for a pair. */
static void pair_text(FILE *f, const struct hb_be_hook *a, const struct hb_be_hook *b)
{
	struct hb_crossing c = report_crossing(a, b);
	const struct hb_be_hook *always = c.always ? b : a;

	if (c.crosses) {
		fputs("they cross at an unlinkat share of ", f);
		report_share_interval(f, &c);
		fprintf(f, ": below it %s costs less in total, above it %s", (c.below ? b : a)->hook,
			(c.below ? a : b)->hook);
		return;
	}
	fprintf(f, "no crossing: %s costs less (or the same) at every share", always->hook);
	if (!c.firm)
		fputs(" (though within the intervals they may cross)", f);
}

/* A thousand of unit: "µs" for ns, else "thousand guest instr.". */
static void thousand(FILE *f, const char *unit)
{
	if (!strcmp(unit, "ns"))
		fputs("µs", f);
	else
		fprintf(f, "thousand %s", unit);
}

static void hook_table(FILE *f, const struct hb_breakeven *be, const char *unit)
{
	fprintf(f, "| hook | %s per `unlinkat()` | %s per other syscall |", unit, unit);
	for (size_t k = 0; k < sizeof(shares) / sizeof(shares[0]); k++) {
		fputc(' ', f);
		thousand(f, unit);
		fputs(" per 1000 syscalls at ", f);
		report_share(f, shares[k]);
		fputs(" unlinkat |", f);
	}
	fputs("\n| --- | --- | --- | --- | --- | --- |\n", f);
	for (size_t k = 0; k < be->n; k++) {
		const struct hb_be_hook *h = &be->hook[k];

		if (h->status != HB_BE_MEASURED)
			continue;
		fprintf(f, "| %s | ", h->hook);
		report_figure(f, h->unlinkat);
		fputs(" | ", f);
		report_figure(f, h->other);
		fprintf(f, " (`%s`%s) |", h->other_mode, h->remote_worse ? ", the worse of the two" : "");
		for (size_t s = 0; s < sizeof(shares) / sizeof(shares[0]); s++) {
			struct hb_estimate t = hb_breakeven_total(h->unlinkat, h->other, shares[s]);

			fprintf(f, " %.2f", t.est / 1000);
			if (!isnan(t.low) && !isnan(t.high))
				fprintf(f, " [%.2f, %.2f]", t.low / 1000, t.high / 1000);
			fputs(" |", f);
		}
		fputc('\n', f);
	}
}

static void pairs_table(FILE *f, const struct hb_breakeven *be)
{
	fputs("| hook a | hook b | where they cross |\n| --- | --- | --- |\n", f);
	for (size_t i = 0; i < be->n; i++)
		for (size_t j = i + 1; j < be->n; j++) {
			if (be->hook[i].status != HB_BE_MEASURED || be->hook[j].status != HB_BE_MEASURED)
				continue;
			fprintf(f, "| %s | %s | ", be->hook[i].hook, be->hook[j].hook);
			pair_text(f, &be->hook[i], &be->hook[j]);
			fputs(" |\n", f);
		}
}

static void method(FILE *f, const struct hb_breakeven *be, const char *unit)
{
	fprintf(f, "A hook adds E %s to each `unlinkat()` (mode `enoent`) and O %s to each other "
		"syscall (mode `other`: getppid() in place of unlinkat; where `other_remote`, the same "
		"measured from a process on another CPU, costs more, O is taken from it). Where "
		"`unlinkat()` is a share s of all syscalls, the hook adds 1000·(s·E + (1−s)·O) %s per 1000 "
		"syscalls; two hooks cost the same at s* = (O_b − O_a) / ((E_a − E_b) + (O_b − O_a)). "
		"Payload `%s`, %s workload thread%s. Intervals are where another run should land where the "
		"rows have them, else the 95%% interval within this run; the interval of s* is its range "
		"over every E and O inside those intervals (an end at 0%% or 100%% means that within them "
		"one hook may be the cheaper at every share).\n\n", unit, unit, unit, be->payload, be->threads,
		strcmp(be->threads, "1") ? "s" : "");
}

void report_breakeven(const struct report *rp)
{
	struct hb_breakeven be;
	FILE *f = rp->f;

	hb_breakeven_collect(rp->r, hb_results_ref_payload(rp->r), &be);
	fputs("\n## Break-even\n\n", f);
	if (!be.any_other) {
		fputs("This run measured no other syscalls, so what a hook adds to the syscalls it does "
		      "not trace, and the share of `unlinkat()` calls where the cheapest hook changes, "
		      "cannot be read off it: `hookbench run --mode enoent,other` measures both.\n", f);
		return;
	}
	if (hb_breakeven_cheapest(&be) < 0) {
		fputs("No hook was measured both on `unlinkat()` and on other syscalls.\n", f);
		return;
	}
	method(f, &be, hb_results_unit(rp->r));
	hook_table(f, &be, hb_results_unit_short(rp->r));
	fputc('\n', f);
	pairs_table(f, &be);
}
