// SPDX-License-Identifier: GPL-2.0-only
/* The caveats of report.md: what a reader must be careful with. */
#include <json-c/json.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "crosscheck_rule.h"
#include "json_read.h"
#include "report_parts.h"
#include "syscall_programs.h"

#define WIDE_CI 0.10 /* a 95% interval wider than this share of the estimate is a caveat */

/* Text inside a Markdown code span: no backquotes, no line breaks. */
static void code_span(FILE *f, const char *s)
{
	fputc('`', f);
	for (; *s; s++)
		fputc(*s == '`' ? '\'' : *s == '\n' ? ' ' : *s, f);
	fputc('`', f);
}

static bool timing_caveat(const struct report *rp)
{
	const char *timing = hb_jstr(rp->r->meta, "timing", "wall");

	if (!strncmp(timing, "emulated", 8)) {
		fprintf(rp->f, "- **Emulated timings**: %s. Rank hooks within this run only.\n", timing);
		return true;
	}
	if (!strncmp(timing, "icount", 6)) {
		fprintf(rp->f, "- **Guest instructions, not time**: %s. Use them to rank hooks, not "
			"as time.\n", timing);
		return true;
	}
	return false;
}

/* Half the width of what another run of nothing-attached spans: finer than that, no run resolves. */
static double floor_half_width(const struct hb_results *r, size_t row)
{
	long control = report_control_of(r, row);
	struct hb_estimate e = control < 0 ? (struct hb_estimate){ 0 } : hb_results_between_runs(r, control);

	if (control >= 0 && !e.ok)
		e = hb_results_estimate(r, control);
	return e.ok ? (e.high - e.low) / 2 : 0;
}

/* An interval is wide when more than WIDE_CI of its estimate and wider than the noise floor. */
static bool wide(const struct hb_results *r, size_t i)
{
	double est = hb_results_num(r, i, "overhead_ns_per_event");
	double width = hb_results_num(r, i, "ci95_high_ns") - hb_results_num(r, i, "ci95_low_ns");

	/* The control's estimate is about 0: any interval is wide against it. */
	return hb_results_ok(r, i) && !hb_results_is_control(r, i) && width > WIDE_CI * fabs(est) &&
	       width / 2 > floor_half_width(r, i);
}

/* Wide intervals, on one line. */
static bool wide_caveat(const struct report *rp)
{
	const struct hb_results *r = rp->r;
	size_t n = 0;
	char key[256];

	for (size_t i = 0; i < r->summary.nrows; i++) {
		double est = hb_results_num(r, i, "overhead_ns_per_event");
		double width = hb_results_num(r, i, "ci95_high_ns") - hb_results_num(r, i, "ci95_low_ns");

		if (!wide(r, i))
			continue;
		hb_results_key(r, i, key, sizeof(key));
		if (!n++)
			fprintf(rp->f, "- **Wide intervals** (95%% CI more than %.0f%% of the estimate and "
				"wider than the noise floor; more blocks narrow them): ", 100 * WIDE_CI);
		else
			fputs("; ", rp->f);
		fprintf(rp->f, "%s %.1f %s wide (%.0f%%)", key, width, hb_results_unit_short(r),
			100.0 * width / fabs(est));
	}
	if (n)
		fputs(".\n", rp->f);
	return n > 0;
}

/* Rows that failed. */
static bool row_caveats(const struct report *rp)
{
	const struct hb_results *r = rp->r;
	FILE *f = rp->f;
	bool any = wide_caveat(rp);
	char key[256];

	for (size_t i = 0; i < r->summary.nrows; i++) {
		if (report_row_failed(r, i)) {
			hb_results_key(r, i, key, sizeof(key));
			fprintf(f, "- **%s**: %s: ", hb_results_str(r, i, "status"), key);
			report_cell(f, hb_results_str(r, i, "reason"));
			fputs("\n", f);
			any = true;
		}
	}
	return any;
}

/* BPF programs that were on the syscall path before the run: the baseline pays for them. */
static bool syscall_path_programs(const struct report *rp)
{
	size_t n = hb_syscall_prog_count(rp->r->meta);
	FILE *f = rp->f;

	/* Newer runs say which of them run where it measures: report_foreign_caveat(). */
	if (!n || hb_jget(rp->r->meta, "foreign_programs"))
		return false;
	fprintf(f, "- **BPF programs already on the syscall path**: %zu program%s attached before "
		"the run started, so the baseline includes %s cost:", n, n == 1 ? " was" : "s were",
		n == 1 ? "its" : "their");
	for (size_t i = 0; i < n; i++) {
		struct hb_syscall_prog p;

		hb_syscall_prog_get(rp->r->meta, i, &p);
		fprintf(f, "%s id %s, ", i ? ";" : "", p.id);
		report_cell(f, p.type);
		fputc(' ', f);
		code_span(f, p.name);
		fputs(" at ", f);
		code_span(f, p.attach);
	}
	fputs(".\n", f);
	return true;
}

/* A scratch directory on tmpfs or ramfs puts dentry churn into every call. */
static bool scratch_fs_caveat(const struct report *rp)
{
	const char *fs = hb_jstr(rp->r->meta, "settings.scratch_fs", NULL);

	if (!fs || (strcmp(fs, "tmpfs") && strcmp(fs, "ramfs")))
		return false;
	fprintf(rp->f, "- **The workload ran on %s**: there a failed lookup's dentry is freed at "
		"once, through RCU, so every call of the enoent workload allocates one and queues a "
		"callback, and the callbacks run in batches inside whichever block is on the CPU. "
		"The baseline is dearer than on a disk filesystem and the blocks vary more; "
		"`--dir` on ext4, xfs or btrfs avoids it (`hookbench vm` guests use an ext4 "
		"scratch).\n", fs);
	return true;
}

void report_caveats(const struct report *rp)
{
	struct json_object *m = rp->r->meta;
	FILE *f = rp->f;
	bool any;

	fputs("\n## Caveats\n\n", f);
	any = timing_caveat(rp);
	any |= row_caveats(rp);
	any |= report_bias_caveat(rp);
	any |= report_states_caveat(rp);
	any |= report_flag_caveats(rp);
	any |= report_history_caveat(rp);
	any |= scratch_fs_caveat(rp);
	if (hb_jnum(m, "kernel.bpf_stats_enabled_sysctl", 0) > 0) {
		fputs("- **bpf_stats was on system-wide**: every figure includes its cost.\n", f);
		any = true;
	}
	any |= syscall_path_programs(rp);
	any |= report_foreign_caveat(rp);
	if (!any)
		fputs("None detected: every row is ok, no interval is wide.\n", f);
}
