// SPDX-License-Identifier: GPL-2.0-only
/*
 * The first screen of report.md: the decision in at most five lines, one
 * table of the measured hooks, the hooks that could not run in one line,
 * and the break-even chart. Everything else is in the appendix below it.
 */
#include <json-c/json.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "decision.h"
#include "hooks.h"
#include "json_read.h"
#include "report_crosscheck.h"
#include "report_parts.h"
#include "report_vm.h"

/* "`a`", "`a` or `b`", "`a`, `b` or `c`". */
static void names(FILE *f, const struct hb_breakeven *be, const size_t *idx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s`%s`", !i ? "" : i + 1 == n ? " or " : ", ", be->hook[idx[i]].hook);
}

static const char *bucket_words(enum hb_flip_bucket b)
{
	switch (b) {
	case HB_FLIP_UNDER_1:
		return "0–1%";
	case HB_FLIP_1_TO_10:
		return "1–10%";
	case HB_FLIP_10_TO_50:
		return "10–50%";
	case HB_FLIP_OVER_50:
		return "50–100%";
	case HB_FLIP_NONE:
		break;
	}
	return "";
}

/* Line 1: the hook (or the tie) to use at the share, with what each adds on average. */
static void pick_line(const struct report *rp, const struct hb_breakeven *be, const struct hb_decision *d)
{
	const char *unit = hb_results_unit_short(rp->r);
	FILE *f = rp->f;

	fputs("- **Use ", f);
	names(f, be, d->pick, d->npick);
	fputs("**", f);
	if (d->npick > 1)
		fputs(" (indistinguishable here: their intervals overlap)", f);
	if (!be->any_other) {
		fputs(", judged per `unlinkat()` call alone: ", f);
		for (size_t i = 0; i < d->npick; i++) {
			fprintf(f, "%s`%s` adds ", i ? ", " : "", be->hook[d->pick[i]].hook);
			report_figure(f, be->hook[d->pick[i]].unlinkat);
			fprintf(f, " %s", unit);
		}
		fputs(" per call. This run did not measure other syscalls, so what a hook adds to them is "
		      "not in it (`hookbench run --mode enoent,other` measures both).\n", f);
		return;
	}
	fputs(" where `unlinkat()` is ", f);
	report_share(f, d->share);
	fputs(" of all syscalls (", f);
	report_cell(f, rp->r->share.source);
	if (!strcmp(rp->r->share.source, "the default"))
		fputs("; measure yours with `hookbench mix`", f);
	fputs("): on average ", f);
	for (size_t i = 0; i < d->npick; i++) {
		const struct hb_be_hook *h = &be->hook[d->pick[i]];
		struct hb_estimate t = hb_breakeven_total(h->unlinkat, h->other, d->share);

		t.est /= 1000, t.low /= 1000, t.high /= 1000;
		fprintf(f, "%s`%s` adds ", i ? ", " : "", h->hook);
		report_figure(f, t);
		fprintf(f, " %s", unit);
	}
	fputs(" per syscall.\n", f);
}

/* Line 2: at what share the decision changes, in a bucket, and to what. */
static void flip_line(const struct report *rp, const struct hb_breakeven *be, const struct hb_decision *d)
{
	FILE *f = rp->f;

	if (!be->any_other)
		return;
	if (d->bucket == HB_FLIP_NONE) {
		fputs("- **At every share** of `unlinkat()`: no other measured hook's line crosses it.\n", f);
		return;
	}
	fprintf(f, "- **It flips in the %s band** of `unlinkat()`'s share (`%s` and `%s` cross at ",
		bucket_words(d->bucket), be->hook[d->best].hook, be->hook[d->crosser].hook);
	report_share_interval(f, &d->flip);
	fprintf(f, "); at %s, ", d->up ? "100%" : "0%");
	names(f, be, d->alt, d->nalt);
	fputs(" is the cheaper choice.\n", f);
}

static bool kprobe_measured(const struct hb_breakeven *be, long *k)
{
	*k = hb_breakeven_find(be, hb_hooks[HB_HOOK_KPROBE].name);
	return *k >= 0 && be->hook[*k].unlinkat.ok;
}

static bool vm_missing(const struct report *rp)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/vm.missing", rp->r->dir);
	return access(path, R_OK) == 0;
}

/* "; in a Debian 6.18 guest ... it costs R× the tracepoint per unlinkat() ...", from DIR/vm/. */
static void guest_kprobe(const struct report *rp, const char *payload)
{
	struct report_kprobe_estimate e;
	struct hb_estimate c;
	FILE *f = rp->f;

	if (report_vm_kprobe_estimate(rp, payload, &e)) {
		if (vm_missing(rp))
			fputs("; the emulated half is missing (appendix: Emulated kernel)", f);
		return;
	}
	c = e.calibrated_ratio;
	fprintf(f, "; in an emulated Debian guest (%s) it costs %.2f× the `%s` per `unlinkat()` in %s",
		e.distance, e.guest.est, e.reference, e.unit);
	if (e.calibrated && !isnan(c.low) && !isnan(c.high)) {
		fputs(", ", f);
		report_bounds(f, c.low, c.high, 2);
		fprintf(f, " once widened by the proxy's error on %zu hook%s measured here and there: %s",
			e.calibration_hooks, e.calibration_hooks == 1 ? "" : "s",
			c.high < 1 ? "cheaper than it" : c.low > 1 ? "dearer than it" : "indistinguishable from it");
	} else {
		fputs(" (uncalibrated: no hook was measured both here and in the guest, so no claim about host time)", f);
	}
	if (e.biased)
		fputs(" (the guest's control, nothing attached, excludes 0: its figures carry that bias)", f);
	if (e.other.ok && e.reference_other.ok) {
		if (e.other.low <= 0 && e.other.high >= 0)
			fprintf(f, "; per other syscall it adds nothing measurable, the `%s` %.1f %s",
				e.reference, e.reference_other.est, e.unit);
		else
			fprintf(f, "; per other syscall it adds %.1f %s, the `%s` %.1f", e.other.est, e.unit,
				e.reference, e.reference_other.est);
	}
	if (!*e.sees)
		return;
	fprintf(f, "; there it sees %s", e.sees);
	if (*e.reference_sees)
		fprintf(f, " (the `%s`: %s)", e.reference, e.reference_sees);
}

/* Line 3: what the kprobe says, from this host or from the emulated guest. */
static void kprobe_line(const struct report *rp, const struct hb_breakeven *be)
{
	const char *unit = hb_results_unit_short(rp->r);
	FILE *f = rp->f;
	long k;

	if (kprobe_measured(be, &k)) {
		fputs("- **The kprobe** adds ", f);
		report_figure(f, be->hook[k].unlinkat);
		fprintf(f, " %s per `unlinkat()`", unit);
		if (be->hook[k].status == HB_BE_MEASURED) {
			fputs(" and ", f);
			report_figure(f, be->hook[k].other);
			fputs(" per other syscall", f);
		}
		fputs(" here.\n", f);
		return;
	}
	/* Why it could not run is on the not-measured line under the table. */
	fputs(k >= 0 ? "- **The kprobe could not run here**" : "- **The kprobe was not in this run**", f);
	guest_kprobe(rp, be->payload);
	fputs(".\n", f);
}

/* The cross-check in a few words; true when it did not confirm the paired figures. */
static bool crosscheck_words(const struct report *rp, char *buf, size_t len)
{
	char cause[1024], path[4200];
	struct report_crosscheck cc = report_crosscheck_outcome(rp, cause, sizeof(cause));

	snprintf(path, sizeof(path), "%s/hyperfine.csv", rp->r->dir);
	if (access(path, R_OK)) {
		snprintf(buf, len, "no whole-command cross-check (`hookbench hyperfine DIR` adds one)");
		return false;
	}
	if (strcmp(hb_results_unit(rp->r), "ns")) {
		snprintf(buf, len, "no whole-command cross-check: it times commands, and these figures "
			 "are %s", hb_results_unit(rp->r));
		return false;
	}
	if (!cc.judged) {
		snprintf(buf, len, "no loader could be cross-checked (appendix: Whole-command cross-check)");
		return true;
	}
	if (!cc.disagree && !cc.inconclusive) {
		snprintf(buf, len, "the whole-command cross-check agrees");
		return false;
	}
	snprintf(buf, len, "the whole-command cross-check %s: %s", cc.disagree ? "disagrees" : "is inconclusive",
		 cause);
	return true;
}

static size_t failed_rows(const struct hb_results *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->summary.nrows; i++)
		n += report_row_failed(r, i);
	return n;
}

static size_t json_count(struct json_object *list)
{
	return json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;
}

/* Line 4: whatever could make the figures above wrong, or that nothing did. */
static void checks_line(const struct report *rp)
{
	struct json_object *m = rp->r->meta;
	size_t failed = failed_rows(rp->r), before = json_count(hb_jget(m, "foreign_programs"));
	size_t mid = json_count(hb_jget(m, "foreign_programs_mid_run"));
	bool concurrent = json_object_is_type(hb_jget(m, "concurrent_holder"), json_type_object);
	char cross[1200];
	bool cross_bad = crosscheck_words(rp, cross, sizeof(cross));
	FILE *f = rp->f;

	if (!failed && !before && !mid && !concurrent && !cross_bad) {
		fprintf(f, "- **Checks**: no foreign BPF program, no failed or contaminated row; %s.\n", cross);
		return;
	}
	fputs("- **Check before use**:", f);
	if (failed)
		fprintf(f, " %zu row%s failed or contaminated (Caveats);", failed, failed == 1 ? "" : "s");
	if (before)
		fprintf(f, " %zu foreign BPF program%s on the measured path, so figures are marginal costs;",
			before, before == 1 ? " was" : "s were");
	if (mid)
		fprintf(f, " %zu foreign BPF program%s appeared mid-run;", mid, mid == 1 ? "" : "s");
	if (concurrent)
		fputs(" another measurement ran meanwhile;", f);
	fprintf(f, " %s.\n", cross);
}

void report_decision(const struct report *rp)
{
	struct hb_breakeven be;
	struct hb_decision d;
	FILE *f = rp->f;

	hb_breakeven_collect(rp->r, hb_results_ref_payload(rp->r), &be);
	if (hb_decide(&be, rp->r->share.value, &d)) {
		fputs("**No hook was measured**: nothing to decide between.\n", f);
		report_not_measured_line(rp, &be);
		return;
	}
	fprintf(f, "Payload `%s`, %s workload thread%s.\n\n", be.payload, be.threads, strcmp(be.threads, "1") ? "s" : "");
	pick_line(rp, &be, &d);
	flip_line(rp, &be, &d);
	kprobe_line(rp, &be);
	report_block_line(rp);
	checks_line(rp);
	fputc('\n', f);
	report_decision_table(rp, &be, d.share);
}
