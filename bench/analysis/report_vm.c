// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated half of report.md: hookbench vm's results in DIR/vm/ (the
 * kprobe half of a host that cannot run kprobes), in a section of their own.
 * Their figures are guest instruction counts (or emulated wall time), so no
 * guest figure is set beside a host row; only ratios meet, in the
 * calibration (report_vm_calibration.c).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks.h"
#include "json_read.h"
#include "readfile.h"
#include "report_vm.h"
#include "vm_calibration.h"

static const char how_to[] =
	"`./scripts/run` measures it by default when the host cannot run kprobes (`--no-vm` skips it); "
	"by hand: `./scripts/vm-half DIR`, then `hookbench report DIR`.";

/* True when the host run has a row of a hook on a kernel function that could not run here. */
static bool host_lacks_function_hooks(const struct hb_results *r)
{
	for (size_t i = 0; i < r->summary.nrows; i++)
		if (!strcmp(hb_results_str(r, i, "status"), "unsupported") &&
		    !strcmp(report_cost_lands(r, i), "this call only"))
			return true;
	return false;
}

/* "QEMU TCG -icount — figures are ..." from the guest's meta.json vm object. */
static void heading(const struct report *rp, const struct hb_results *vm)
{
	struct json_object *m = vm->meta;
	FILE *f = rp->f;
	char distance[192];
	const char *accel = hb_jstr(m, "vm.accelerator", "?");
	bool icount = !strcmp(hb_jstr(m, "vm.timing_mode", ""), "icount");

	fprintf(f, "\n## Emulated kernel: Debian %s, QEMU %s%s\n\n", hb_jstr(m, "kernel.release", "?"),
		!strcmp(accel, "tcg") ? "TCG" : !strcmp(accel, "kvm") ? "KVM" : accel,
		icount ? " -icount" : "");
	if (icount)
		fputs("**Figures are guest instructions, not host time; never compare them with the "
		      "host rows.** Under `-icount shift=0` one virtual ns is one guest instruction "
		      "(the guest's TSC clocksource, calibrated at 1000 MHz, counts instructions). "
		      "A block is timed by the guest's wall clock (the clock column; `--clock cpu` "
		      "times the thread instead), so it counts every instruction the guest ran "
		      "meanwhile on a CPU kept quiet for the block. ", f);
	else
		fprintf(f, "**Figures are the guest's own clock (%s), not host time; never compare them "
			"with the host rows.** ", hb_jstr(m, "vm.timing_note", "emulated"));
	fprintf(f, "`hookbench vm` booted `%s` (%s) in %s, %g CPU, %g MiB; userspace after %.1f s, "
		"the whole guest run took %.1f s of host wall time. Its files are in `vm/`.\n",
		hb_jstr(m, "vm.kernel_package", hb_jstr(m, "vm.vmlinuz", "?")),
		hb_jstr(m, "kernel.preempt_model", "?"), hb_jstr(m, "vm.qemu", "QEMU"),
		hb_jnum(m, "vm.smp", 1), hb_jnum(m, "vm.memory_mib", 0),
		hb_jnum(m, "vm.boot_to_userspace_s", 0), hb_jnum(m, "vm.wall_s", 0));
	hb_vm_version_distance(hb_jstr(m, "kernel.release", "?"), hb_jstr(rp->r->meta, "kernel.release", "?"),
			       distance, sizeof(distance));
	fprintf(f, "\nKernel versions: %s.\n", distance);
}

static void ratio_cell(FILE *f, const struct hb_results *vm, size_t row)
{
	struct hb_estimate ratio = hb_results_ratio(vm, (long)row);

	if (!strcmp(hb_results_str(vm, row, "hook"), hb_results_str(vm, row, "reference_hook"))) {
		fputs("reference | ", f);
	} else if (report_no_ratio(vm, row)) {
		fputs("n/a (the reference adds too little here to divide by) | ", f);
	} else if (!ratio.ok) {
		fputs("n/a | ", f);
	} else if (isnan(ratio.low) || isnan(ratio.high)) {
		fprintf(f, "%.2f× | ", ratio.est);
	} else {
		fprintf(f, "%.2f× ", ratio.est);
		report_bounds(f, ratio.low, ratio.high, 2);
		fputs(" | ", f);
	}
}

static void row_line(FILE *f, const struct hb_results *vm, size_t row)
{
	struct hb_estimate e = hb_results_estimate(vm, (long)row);

	fprintf(f, "| %s | %s/%s/%st | ", hb_results_str(vm, row, "hook"), hb_results_str(vm, row, "payload"),
		hb_results_str(vm, row, "mode"), hb_results_str(vm, row, "threads"));
	if (!e.ok) {
		fprintf(f, "%s: ", hb_results_str(vm, row, "status"));
		report_cell(f, hb_results_str(vm, row, "reason"));
		fputs(" | | | | |\n", f);
		return;
	}
	fprintf(f, "%.1f ", e.est);
	report_bounds(f, e.low, e.high, 1);
	fprintf(f, "%s | ", report_marks(vm, row));
	ratio_cell(f, vm, row);
	fprintf(f, "%s / %s | `", hb_results_str(vm, row, "events_seen"),
		hb_results_str(vm, row, "events_expected"));
	report_cell(f, hb_results_str(vm, row, "attach_point"));
	fputc('`', f);
	if (*hb_results_str(vm, row, "kprobe_flavour"))
		fprintf(f, " (%s)", hb_results_str(vm, row, "kprobe_flavour"));
	fprintf(f, " | %s |\n", report_cost_lands(vm, row));
}

static void control_line(FILE *f, const struct hb_results *vm)
{
	for (size_t i = 0; i < vm->summary.nrows; i++) {
		struct hb_estimate e = hb_results_estimate(vm, (long)i);

		if (!hb_results_is_control(vm, i) || !e.ok)
			continue;
		fprintf(f, "\nControl (nothing attached, %s/%s): %.1f [%.1f, %.1f] %s, on a baseline "
			"of %.0f %s per unlinkat() call", hb_results_str(vm, i, "payload"),
			hb_results_str(vm, i, "mode"), e.est, e.low, e.high, hb_results_unit(vm),
			hb_results_num(vm, i, "baseline_ns_per_op"), hb_results_unit(vm));
		if (report_biased(vm, i))
			fprintf(f, ". Its interval excludes 0: the hooked slot of a pair differs from its "
				"baseline slot by that much with nothing attached, so every figure of mode "
				"`%s` (marked " REPORT_MARK_BIASED ") carries about %+.1f %s that is not the "
				"hook's", hb_results_str(vm, i, "mode"), e.est, hb_results_unit(vm));
		fputs(".\n", f);
		return;
	}
}

/* A one-CPU guest has no second CPU for other_remote: one line says so, not a row per hook. */
static bool remote_unsupported(const struct hb_results *vm, size_t row)
{
	return !strcmp(hb_results_str(vm, row, "mode"), "other_remote") &&
	       !strcmp(hb_results_str(vm, row, "status"), "unsupported");
}

static void vm_section(const struct report *rp, const struct hb_results *vm)
{
	const char *remote_why = NULL;
	FILE *f = rp->f;

	heading(rp, vm);
	fprintf(f, "\n| hook | cell | added %s/call [95%% CI] | × vs %s [another run] | events seen / "
		"expected | attach point | cost lands |\n| --- | --- | --- | --- | --- | --- | --- |\n",
		hb_results_unit(vm), hb_results_reference(vm, NULL));
	for (size_t i = 0; i < vm->summary.nrows; i++) {
		if (hb_results_is_control(vm, i))
			continue;
		if (remote_unsupported(vm, i))
			remote_why = hb_results_str(vm, i, "reason");
		else
			row_line(f, vm, i);
	}
	if (remote_why) {
		fputs("\n`other_remote` rows are left out: ", f);
		report_cell(f, remote_why);
		fputs(".\n", f);
	}
	control_line(f, vm);
	report_vm_calibration(rp, vm);
	report_coverage_table(&(struct report){ .r = vm, .f = f }, "### What each hook sees in the guest");
	fprintf(f, "\nReproduce: `%s`\n", hb_jstr(vm->meta, "vm.command_line", "hookbench vm ..."));
}

/* DIR/vm.missing: one line from scripts/run saying why the guest half is not there. */
static bool missing_section(FILE *f, const char *dir)
{
	char path[PATH_MAX + 16], err[256], *why = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/vm.missing", dir);
	if (hb_read_file(path, 65536, &why, &len, err, sizeof(err)))
		return false;
	while (len && (why[len - 1] == '\n' || why[len - 1] == '\r'))
		why[--len] = '\0';
	fputs("\n## Emulated kernel: not measured\n\nThe kprobe half in a stock Debian kernel under QEMU "
	      "is missing: ", f);
	report_cell(f, why);
	fprintf(f, ".\n\n%s\n", how_to);
	free(why);
	return true;
}

void report_vm(const struct report *rp)
{
	char dir[PATH_MAX + 8], why[512];
	struct hb_results vm;
	int err;

	snprintf(dir, sizeof(dir), "%s/vm", rp->r->dir);
	err = hb_results_load(&vm, dir, why, sizeof(why));
	if (!err) {
		vm_section(rp, &vm);
		hb_results_free(&vm);
		return;
	}
	if (err != -ENOENT) {
		fputs("\n## Emulated kernel: unreadable\n\n`vm/` is there but cannot be read: ", rp->f);
		report_cell(rp->f, why);
		fputs(".\n", rp->f);
		return;
	}
	if (missing_section(rp->f, rp->r->dir))
		return;
	if (host_lacks_function_hooks(rp->r))
		fprintf(rp->f, "\n## Emulated kernel: not measured\n\nThe hooks on a kernel function could "
			"not run on this host; a stock Debian kernel under QEMU runs them. %s\n", how_to);
}
