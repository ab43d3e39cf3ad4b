// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated half calibrated against this host: every hook measured both
 * here (ns) and in the guest (instructions), its ratio to the reference on
 * each side and the proxy's error (vm_calibration.h); then the kprobe's guest
 * ratio per unlinkat() widened by the errors of mode enoent, the mode it is
 * measured in. Errors of mode other are shown, not applied: a per-other-syscall
 * ratio times a different path (every syscall's entry, not do_unlinkat).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "coverage_read.h"
#include "hooks.h"
#include "json_read.h"
#include "report_vm.h"
#include "vm_calibration.h"

#define CALIB_MODE "enoent"
#define CALIB_MAX 64

/* A hook measured on both sides in one cell: its ratio on each, and the proxy's error. */
struct calib_row {
	size_t vm_row;
	struct hb_estimate host, guest, error;
};

static bool fires_only_on_removal(const char *name)
{
	const struct hb_hook *h = hb_hook_find(name);

	return h && h->removes_only;
}

/*
 * The guest rows of payload (and of mode, unless NULL) whose cell the host
 * measured too, both with a ratio to the same reference (the reference's own
 * rows, 1 by definition, and hooks that fire only when a name is removed,
 * which run on no call here, left out). Returns how many went into out.
 */
static size_t calib_rows(const struct hb_results *host, const struct hb_results *vm, const char *payload,
			 const char *mode, struct calib_row *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < vm->summary.nrows && n < max; i++) {
		const char *ref = hb_results_str(vm, i, "reference_hook");
		struct calib_row c = { .vm_row = i };
		long h;

		if (hb_results_is_control(vm, i) || strcmp(hb_results_str(vm, i, "payload"), payload) ||
		    (mode && strcmp(hb_results_str(vm, i, "mode"), mode)) ||
		    !strcmp(hb_results_str(vm, i, "hook"), ref) || report_no_ratio(vm, i) ||
		    fires_only_on_removal(hb_results_str(vm, i, "hook")))
			continue;
		h = hb_results_find_same(host, vm, i);
		if (h < 0 || strcmp(hb_results_str(host, (size_t)h, "reference_hook"), ref) ||
		    report_no_ratio(host, (size_t)h))
			continue;
		c.host = hb_results_ratio(host, h);
		c.guest = hb_results_ratio(vm, (long)i);
		if (!c.host.ok || !c.guest.ok)
			continue;
		c.error = hb_vm_proxy_error(c.host, c.guest);
		out[n++] = c;
	}
	return n;
}

/* The ok row of hook, payload and mode in r, or -1. */
static long ok_row(const struct hb_results *r, const char *hook, const char *payload, const char *mode)
{
	const struct hb_match m[] = { { "hook", hook }, { "payload", payload }, { "mode", mode },
				      { NULL, NULL } };
	long row = hb_results_find(r, m);

	return row >= 0 && hb_results_ok(r, (size_t)row) ? row : -1;
}

static int estimate(const struct hb_results *host, const struct hb_results *vm, const char *payload,
		    struct report_kprobe_estimate *out)
{
	const char *kprobe = hb_hooks[HB_HOOK_KPROBE].name;
	struct calib_row rows[CALIB_MAX];
	struct hb_estimate errors[CALIB_MAX];
	struct hb_vm_calibrated c;
	long k = ok_row(vm, kprobe, payload, CALIB_MODE);
	size_t n;

	memset(out, 0, sizeof(*out));
	snprintf(out->kernel, sizeof(out->kernel), "%s", hb_jstr(vm->meta, "kernel.release", "?"));
	snprintf(out->host_kernel, sizeof(out->host_kernel), "%s", hb_jstr(host->meta, "kernel.release", "?"));
	hb_vm_version_distance(out->kernel, out->host_kernel, out->distance, sizeof(out->distance));
	snprintf(out->unit, sizeof(out->unit), "%s", hb_results_unit(vm));
	out->guest = hb_results_ratio(vm, k);
	if (k < 0 || !out->guest.ok || report_no_ratio(vm, (size_t)k))
		return -ENOENT;
	snprintf(out->reference, sizeof(out->reference), "%s", hb_results_str(vm, (size_t)k, "reference_hook"));
	n = calib_rows(host, vm, payload, CALIB_MODE, rows, CALIB_MAX);
	for (size_t i = 0; i < n; i++)
		errors[i] = rows[i].error;
	c = hb_vm_calibrate(out->guest, errors, n);
	out->calibrated = c.calibrated;
	out->calibration_hooks = c.used;
	out->error_low = c.factor_low;
	out->error_high = c.factor_high;
	out->calibrated_ratio = c.ratio;
	out->other = hb_results_estimate(vm, ok_row(vm, kprobe, payload, "other"));
	out->reference_other = hb_results_estimate(vm, ok_row(vm, out->reference, payload, "other"));
	out->biased = report_biased(vm, (size_t)k);
	return 0;
}

int report_vm_kprobe_estimate(const struct report *rp, const char *payload,
			      struct report_kprobe_estimate *out)
{
	char dir[PATH_MAX + 8], why[512];
	struct hb_results vm;
	int err;

	memset(out, 0, sizeof(*out));
	snprintf(dir, sizeof(dir), "%s/vm", rp->r->dir);
	err = hb_results_load(&vm, dir, why, sizeof(why));
	if (err)
		return err;
	err = estimate(rp->r, &vm, payload, out);
	hb_coverage_sees(&vm, hb_hooks[HB_HOOK_KPROBE].name, out->sees, sizeof(out->sees));
	hb_coverage_sees(&vm, *out->reference ? out->reference : hb_hooks[HB_HOOK_TRACEPOINT].name,
			 out->reference_sees, sizeof(out->reference_sees));
	hb_results_free(&vm);
	return err;
}

/* "0.83× [0.79, 1.33]", or without brackets when e has no interval (or a point for one). */
static void ratio_text(FILE *f, struct hb_estimate e)
{
	fprintf(f, "%.2f×", e.est);
	if (!isnan(e.low) && !isnan(e.high) && e.low != e.high) {
		fputc(' ', f);
		report_bounds(f, e.low, e.high, 2);
	}
}

static void table(FILE *f, const struct hb_results *vm, const struct calib_row *rows, size_t n)
{
	fprintf(f, "\n| hook | cell | on this host (ns) [another run] | in the guest (%s) [another run] "
		"| proxy error: host ÷ guest |\n| --- | --- | --- | --- | --- |\n", hb_results_unit_short(vm));
	for (size_t i = 0; i < n; i++) {
		size_t row = rows[i].vm_row;

		fprintf(f, "| %s | %s/%s | ", hb_results_str(vm, row, "hook"), hb_results_str(vm, row, "payload"),
			hb_results_str(vm, row, "mode"));
		ratio_text(f, rows[i].host);
		fputs(" | ", f);
		ratio_text(f, rows[i].guest);
		fputs(" | ", f);
		if (rows[i].error.ok)
			ratio_text(f, rows[i].error);
		else
			fputs("n/a (the guest's interval reaches 0)", f);
		fputs(" |\n", f);
	}
}

static void kprobe_sentence(FILE *f, const struct report_kprobe_estimate *e)
{
	fputs("\nThe kprobe costs ", f);
	ratio_text(f, e->guest);
	fprintf(f, " the `%s` per `unlinkat()` in %s. ", e->reference, e->unit);
	if (!e->calibrated) {
		fprintf(f, "**Uncalibrated**: no hook with a ratio in mode `%s` was measured both here and in "
			"the guest, so nothing measured says how that carries over to this host's time.\n",
			CALIB_MODE);
		return;
	}
	fprintf(f, "Widened by the proxy's error in mode `%s` (×%.2f to ×%.2f over %zu hook%s; the "
		"interval never narrower than the guest's own), **on this host's time the kprobe would cost ",
		CALIB_MODE, e->error_low, e->error_high, e->calibration_hooks,
		e->calibration_hooks == 1 ? "" : "s");
	ratio_text(f, e->calibrated_ratio);
	fprintf(f, " the `%s`** per `unlinkat()`.\n", e->reference);
}

void report_vm_calibration(const struct report *rp, const struct hb_results *vm)
{
	const char *payload = hb_results_ref_payload(vm);
	struct report_kprobe_estimate e;
	struct calib_row rows[CALIB_MAX];
	size_t n = calib_rows(rp->r, vm, payload, NULL, rows, CALIB_MAX);
	int err = estimate(rp->r, vm, payload, &e);

	fputs("\n**Calibration against this host.** Instruction counts stand in for time, and do not "
	      "rank hooks exactly as time does. A hook measured both here (ns) and in the guest gives "
	      "the proxy's error: its ratio to the reference on this host over its ratio in the guest "
	      "(1 where the two agree; the interval divides the far ends of the two between-run "
	      "intervals).\n", rp->f);
	if (n)
		table(rp->f, vm, rows, n);
	else
		fputs("\nNo hook was measured both here and in the guest with a ratio to the same reference.\n",
		      rp->f);
	if (!err)
		kprobe_sentence(rp->f, &e);
}
