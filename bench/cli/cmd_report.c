// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench report DIR: DIR/report.md, the page a design review reads: the
 * verdict tables, the charts, the cross-check, what to be careful with,
 * the environment and the command that reproduces the run.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "csv_read.h"
#include "plot.h"
#include "results.h"

#define WIDE_CI 0.10 /* a 95% interval wider than this share of the estimate is a caveat */
#define MAX_ROWS 512

struct report {
	const struct hb_results *r;
	FILE *f;
	size_t order[MAX_ROWS]; /* rows of the current group, sorted */
	size_t n;
};

static const char *col(const struct report *rp, size_t row, const char *name)
{
	return hb_results_str(rp->r, row, name);
}

static double num(const struct report *rp, size_t row, const char *name)
{
	return hb_results_num(rp->r, row, name);
}

static bool is_ok(const struct report *rp, size_t row)
{
	return !strcmp(col(rp, row, "status"), "ok");
}

static bool same_group(const struct report *rp, size_t a, size_t b)
{
	return !strcmp(col(rp, a, "payload"), col(rp, b, "payload")) &&
	       !strcmp(col(rp, a, "mode"), col(rp, b, "mode")) &&
	       !strcmp(col(rp, a, "threads"), col(rp, b, "threads"));
}

static const struct report *sort_rp;

static int by_overhead(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	bool ox = is_ok(sort_rp, x), oy = is_ok(sort_rp, y);
	double ex = num(sort_rp, x, "overhead_ns_per_event"), ey = num(sort_rp, y, "overhead_ns_per_event");

	if (ox != oy)
		return ox ? -1 : 1;
	if (!ox)
		return (x > y) - (x < y);
	return (ex > ey) - (ex < ey);
}

/* Collect the rows of first's group, ok rows by cost, the rest after. */
static void collect_group(struct report *rp, size_t first)
{
	rp->n = 0;
	for (size_t i = 0; i < rp->r->summary.nrows && rp->n < MAX_ROWS; i++)
		if (same_group(rp, first, i))
			rp->order[rp->n++] = i;
	sort_rp = rp;
	qsort(rp->order, rp->n, sizeof(rp->order[0]), by_overhead);
}

static long tracepoint_row(const struct report *rp)
{
	for (size_t k = 0; k < rp->n; k++)
		if (!strcmp(col(rp, rp->order[k], "hook"), "tracepoint") && is_ok(rp, rp->order[k]))
			return (long)rp->order[k];
	return -1;
}

/* Markdown table cells must not contain '|' or line breaks. */
static void cell(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '|' ? '/' : *s == '\n' ? ' ' : *s, f);
}

static void missed_cell(const struct report *rp, size_t row)
{
	FILE *f = rp->f;

	if (*col(rp, row, "nmissed"))
		fprintf(f, "nmissed %s", col(rp, row, "nmissed"));
	else
		fputs("nmissed n/a", f);
	fprintf(f, ", recursion %s", *col(rp, row, "recursion_misses") ? col(rp, row, "recursion_misses") : "?");
	if (*col(rp, row, "ringbuf_drops"))
		fprintf(f, ", ring buffer drops %s", col(rp, row, "ringbuf_drops"));
}

static void verdict_table(struct report *rp, size_t first)
{
	FILE *f = rp->f;
	long tp;

	collect_group(rp, first);
	tp = tracepoint_row(rp);
	fprintf(f, "\n### Payload `%s`, mode `%s`, %s workload thread%s\n\n", col(rp, first, "payload"),
		col(rp, first, "mode"), col(rp, first, "threads"),
		strcmp(col(rp, first, "threads"), "1") ? "s" : "");
	fputs("| hook | added ns/event [95% CI] | × vs tracepoint | in-program ns | missed / dropped | attach point stability |\n"
	      "| --- | --- | --- | --- | --- | --- |\n", f);
	for (size_t k = 0; k < rp->n; k++) {
		size_t row = rp->order[k];

		fprintf(f, "| %s | ", col(rp, row, "hook"));
		if (!strcmp(col(rp, row, "status"), "unsupported")) {
			fputs("not measured: unsupported here (see Caveats) | | | | ", f);
		} else if (!is_ok(rp, row)) {
			fprintf(f, "%s: ", col(rp, row, "status"));
			cell(f, col(rp, row, "reason"));
			fputs(" | | | | ", f);
		} else {
			double est = num(rp, row, "overhead_ns_per_event");

			fprintf(f, "%.1f [%.1f, %.1f] | ", est, num(rp, row, "ci95_low_ns"),
				num(rp, row, "ci95_high_ns"));
			if (tp >= 0 && num(rp, (size_t)tp, "overhead_ns_per_event") > 0)
				fprintf(f, "%.2f× | ", est / num(rp, (size_t)tp, "overhead_ns_per_event"));
			else
				fputs("n/a | ", f);
			if (isnan(num(rp, row, "prog_ns_per_run")))
				fputs("n/a | ", f);
			else
				fprintf(f, "%.1f | ", num(rp, row, "prog_ns_per_run"));
			missed_cell(rp, row);
			fputs(" | ", f);
		}
		cell(f, col(rp, row, "stability"));
		if (*col(rp, row, "attach_point"))
			fprintf(f, ": `%s`", col(rp, row, "attach_point"));
		if (*col(rp, row, "kprobe_flavour"))
			fprintf(f, " (%s)", col(rp, row, "kprobe_flavour"));
		fputs(" |\n", f);
	}
}

static void headline(struct report *rp)
{
	FILE *f = rp->f;
	size_t first = 0;
	long tp;

	/* Lead with the count payload when the run has it: the plain cost of a hook. */
	for (size_t i = 0; i < rp->r->summary.nrows; i++) {
		if (!strcmp(col(rp, i, "payload"), "count")) {
			first = i;
			break;
		}
	}
	collect_group(rp, first);
	tp = tracepoint_row(rp);
	if (!rp->n || !is_ok(rp, rp->order[0])) {
		fputs("No hook was measured successfully in this run; see the caveats.\n", f);
		return;
	}
	fprintf(f, "With the `%s` payload, the cheapest hook measured is **%s**, adding %.1f ns "
		"[%.1f, %.1f] to each `unlinkat()` call",
		col(rp, first, "payload"), col(rp, rp->order[0], "hook"),
		num(rp, rp->order[0], "overhead_ns_per_event"), num(rp, rp->order[0], "ci95_low_ns"),
		num(rp, rp->order[0], "ci95_high_ns"));
	if (tp >= 0 && (size_t)tp != rp->order[0])
		fprintf(f, "; the `sys_enter_unlinkat` tracepoint adds %.1f ns [%.1f, %.1f]",
			num(rp, (size_t)tp, "overhead_ns_per_event"), num(rp, (size_t)tp, "ci95_low_ns"),
			num(rp, (size_t)tp, "ci95_high_ns"));
	fprintf(f, " (baseline: %.0f ns per call, %s clock).\n",
		num(rp, rp->order[0], "baseline_ns_per_op"),
		*col(rp, rp->order[0], "clock") ? col(rp, rp->order[0], "clock") : "cpu");
}

static void charts(const struct report *rp)
{
	static const struct { const char *name, *caption; } list[] = {
		{ "overhead", "Added ns per call, per hook and payload, 95% CI" },
		{ "breakdown", "In-program cost against dispatch cost" },
		{ "blocks", "Every block in run order: baseline against hooked" },
		{ "threads", "Added cost against workload threads" },
		{ "missed", "Events missed or dropped" },
	};
	char path[PATH_MAX + 64];

	fputs("\n## Charts\n\n", rp->f);
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		snprintf(path, sizeof(path), "%s/charts/%s.png", rp->r->dir, list[i].name);
		if (access(path, R_OK) == 0)
			fprintf(rp->f, "![%s](charts/%s.png)\n\n", list[i].caption, list[i].name);
	}
}

/* The hyperfine cross-check, when DIR/hyperfine.csv exists. Returns how many disagree. */
static int cross_check(const struct report *rp)
{
	struct hb_csv_table t;
	char path[PATH_MAX + 32], why[256];
	int disagree = 0;

	snprintf(path, sizeof(path), "%s/hyperfine.csv", rp->r->dir);
	if (hb_csv_load(path, &t, why, sizeof(why)))
		return 0;
	fputs("\n## Whole-command cross-check (hyperfine)\n\n"
	      "`unlink-storm` timed as a whole command, bare and under each loader; loading and "
	      "attaching are taken out by timing each loader around `true` too. The commands run in "
	      "short rounds, in reverse order every other round; the estimate is the median of the "
	      "rounds' estimates and its interval comes from their spread.\n\n"
	      "| loader | hook | whole-command ns/op [95% CI] | paired in-process ns/event [95% CI] | agree |\n"
	      "| --- | --- | --- | --- | --- |\n", rp->f);
	for (size_t i = 0; i < t.nrows; i++) {
		const char *agree = hb_csv_get(&t, i, hb_csv_col(&t, "agree"));

		if (strcmp(hb_csv_get(&t, i, hb_csv_col(&t, "status")), "ok")) {
			fprintf(rp->f, "| %s | %s | not run here | | |\n", hb_csv_get(&t, i, 0),
				hb_csv_get(&t, i, 1));
			continue;
		}
		fprintf(rp->f, "| %s | %s | %s [%s, %s] | %s [%s, %s] | %s |\n", hb_csv_get(&t, i, 0),
			hb_csv_get(&t, i, 1), hb_csv_get(&t, i, hb_csv_col(&t, "ns_per_op")),
			hb_csv_get(&t, i, hb_csv_col(&t, "ci95_low_ns")),
			hb_csv_get(&t, i, hb_csv_col(&t, "ci95_high_ns")),
			hb_csv_get(&t, i, hb_csv_col(&t, "paired_ns")),
			hb_csv_get(&t, i, hb_csv_col(&t, "paired_ci95_low_ns")),
			hb_csv_get(&t, i, hb_csv_col(&t, "paired_ci95_high_ns")), *agree ? agree : "n/a");
		disagree += !strcmp(agree, "no");
	}
	hb_csv_free(&t);
	return disagree;
}

static void caveats(const struct report *rp, int disagree)
{
	const struct hb_results *r = rp->r;
	const char *timing = hb_jstr(&r->meta, "timing", "wall");
	FILE *f = rp->f;
	char key[256];
	bool any = false;

	fputs("\n## Caveats\n\n", f);
	if (!strncmp(timing, "emulated", 8)) {
		fprintf(f, "- **Emulated timings**: %s. Rank hooks within this run only.\n", timing);
		any = true;
	} else if (!strncmp(timing, "icount", 6)) {
		fprintf(f, "- **Instruction-count proxy**: %s. Use it to rank hooks, not as time.\n", timing);
		any = true;
	}
	for (size_t i = 0; i < r->summary.nrows; i++) {
		double est = num(rp, i, "overhead_ns_per_event");
		double width = num(rp, i, "ci95_high_ns") - num(rp, i, "ci95_low_ns");

		hb_results_key(r, i, key, sizeof(key));
		if (is_ok(rp, i) && width > WIDE_CI * fabs(est)) {
			fprintf(f, "- **Wide interval**: %s: the 95%% CI is %.1f ns wide, %.0f%% of the "
				"estimate (more than %.0f%%); run more blocks.\n", key, width,
				100.0 * width / fabs(est), 100 * WIDE_CI);
			any = true;
		}
		if (!strcmp(col(rp, i, "status"), "mismatch") || !strcmp(col(rp, i, "status"), "error") ||
		    !strcmp(col(rp, i, "status"), "interrupted")) {
			fprintf(f, "- **%s**: %s: ", col(rp, i, "status"), key);
			cell(f, col(rp, i, "reason"));
			fputs("\n", f);
			any = true;
		}
	}
	for (size_t i = 0; i < r->summary.nrows; i++) {
		bool first = true;

		if (strcmp(col(rp, i, "status"), "unsupported"))
			continue;
		for (size_t j = 0; j < i && first; j++)
			first = strcmp(col(rp, j, "hook"), col(rp, i, "hook")) ||
				strcmp(col(rp, j, "status"), "unsupported");
		if (!first)
			continue;
		fprintf(f, "- **Skipped**: %s, unsupported on this kernel: ", col(rp, i, "hook"));
		cell(f, col(rp, i, "reason"));
		fputs("\n", f);
		any = true;
	}
	if (disagree) {
		fprintf(f, "- **Cross-check**: the whole-command estimate and the paired estimate "
			"disagree for %d loader%s (their intervals do not overlap).\n", disagree,
			disagree == 1 ? "" : "s");
		any = true;
	}
	if (hb_jget(&r->meta, "kernel.bpf_stats_enabled_sysctl") &&
	    hb_jget(&r->meta, "kernel.bpf_stats_enabled_sysctl")->num > 0) {
		fputs("- **bpf_stats was on system-wide**: every figure includes its cost.\n", f);
		any = true;
	}
	if (!any)
		fputs("None detected: every row is ok, every interval is within 10% of its estimate.\n", f);
}

static void environment(const struct report *rp)
{
	static const char *const keys[] = {
		"KPROBES", "OPTPROBES", "KPROBES_ON_FTRACE", "FPROBE", "FTRACE_SYSCALLS",
		"DEBUG_INFO_BTF", "X86_KERNEL_IBT",
	};
	const struct hb_jval *m = &rp->r->meta;
	FILE *f = rp->f;
	char hf[PATH_MAX + 32];
	bool has_hyperfine;

	snprintf(hf, sizeof(hf), "%s/hyperfine.csv", rp->r->dir);
	has_hyperfine = access(hf, F_OK) == 0;
	fputs("\n## Environment\n\n", f);
	if (!rp->r->has_meta) {
		fputs("No meta.json in this directory.\n", f);
		return;
	}
	fprintf(f, "- Kernel: %s (%s), preemption `%s`, config from %s:", hb_jstr(m, "kernel.release", "?"),
		hb_jstr(m, "kernel.machine", "?"), hb_jstr(m, "kernel.preempt_model", "?"),
		hb_jstr(m, "kernel.config_source", "unknown"));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char path[64];

		snprintf(path, sizeof(path), "kernel.config.%s", keys[i]);
		fprintf(f, " %s=%s", keys[i], hb_jstr(m, path, "absent"));
	}
	fprintf(f, "\n- CPU: %s, %g CPUs; measured on CPU %g with the `%s` clock\n",
		hb_jstr(m, "cpu.model", "?"), hb_jget(m, "cpu.nproc") ? hb_jget(m, "cpu.nproc")->num : 0,
		hb_jget(m, "settings.cpu") ? hb_jget(m, "settings.cpu")->num : 0,
		hb_jstr(m, "settings.clock", "cpu"));
	if (!strcmp(hb_jstr(m, "timing", "wall"), "wall"))
		fputs("- Timing: real, not emulated\n", f);
	else
		fprintf(f, "- Timing: %s\n", hb_jstr(m, "timing", "wall"));
	if (hb_jget(m, "vm"))
		fprintf(f, "- VM: kernel %s (%s), accelerator %s, %s\n", hb_jstr(m, "vm.kernel_spec", "?"),
			hb_jstr(m, "vm.kernel_package", "a vmlinuz"), hb_jstr(m, "vm.accelerator", "?"),
			hb_jstr(m, "vm.qemu", "?"));
	fprintf(f, "- Versions: hookbench %s, libbpf %s, %s, %s, %s\n", hb_jstr(m, "version", "?"),
		hb_jstr(m, "versions.libbpf", "?"), hb_jstr(m, "versions.bpftool", "bpftool ?"),
		hb_jstr(m, "versions.clang", "clang ?"), hb_jstr(m, "versions.cc", "cc ?"));
	fprintf(f, "- Date: %s (finished %s)\n", hb_jstr(m, "date", "?"), hb_jstr(m, "finished", "?"));
	/* A VM run is reproduced by the host's hookbench vm command, not the guest's. */
	fprintf(f, "\n## Reproduce\n\n```\n%s\n%s%s\n```\n\n(DIR is the `--out` directory of the first command.)\n",
		hb_jstr(m, "vm.command_line",
			hb_jstr(m, "command_line", "(unknown: no command line in meta.json)")),
		has_hyperfine ? "build/bench/hookbench hyperfine DIR\n" : "",
		"build/bench/hookbench plot DIR && build/bench/hookbench report DIR");
}

static int write_report(const struct hb_results *r, FILE *f)
{
	struct report rp = { .r = r, .f = f };
	const struct hb_jval *m = &r->meta;
	int disagree;

	fprintf(f, "# What hooking `unlinkat()` costs — Linux %s, %s\n\n",
		hb_jstr(m, "kernel.release", "?"), hb_jstr(m, "cpu.model", "?"));
	headline(&rp);
	fputs("\n## Verdict\n\nAdded cost per event is the median of paired differences (hooked block "
	      "minus the adjacent baseline block) with a distribution-free 95% interval; × vs tracepoint "
	      "divides by the `tracepoint` row of the same table; in-program time is bpf_stats' run "
	      "time per run, measured in separate blocks.\n", f);
	for (size_t i = 0; i < r->summary.nrows; i++) {
		bool first = true;

		for (size_t j = 0; j < i && first; j++)
			first = !same_group(&rp, i, j);
		if (first)
			verdict_table(&rp, i);
	}
	charts(&rp);
	disagree = cross_check(&rp);
	caveats(&rp, disagree);
	environment(&rp);
	return ferror(f) ? -EIO : 0;
}

int cmd_report(int argc, char **argv)
{
	struct hb_results r;
	char path[PATH_MAX + 32], why[512];
	FILE *f;
	int err;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("Usage: hookbench report DIR\n\n"
		     "Write DIR/report.md: a verdict table per payload x mode x threads (hook, added\n"
		     "ns/event with its 95% CI, x vs tracepoint, in-program ns, missed/dropped, attach\n"
		     "point stability), the charts (drawn first when DIR/charts/ is missing), the\n"
		     "hyperfine cross-check when DIR/hyperfine.csv exists, the caveats it detects\n"
		     "(emulated timings, intervals wider than 10%, mismatches, skipped hooks), the\n"
		     "environment and the command that reproduces the run.\n\n"
		     "Example:\n  hookbench report results/20261126T120000Z");
		return 0;
	}
	if (argc != 2) {
		cli_error("report needs one results directory (see --help)");
		return HB_EXIT_USAGE;
	}
	if (hb_results_load(&r, argv[1], why, sizeof(why))) {
		cli_error("report: %s", why);
		return HB_EXIT_USAGE;
	}
	snprintf(path, sizeof(path), "%s/charts/overhead.png", r.dir);
	if (access(path, R_OK) && hb_plot(&r, why, sizeof(why)))
		fprintf(stderr, "hookbench: report: without charts: %s\n", why);
	snprintf(path, sizeof(path), "%s/report.md", r.dir);
	f = fopen(path, "we");
	if (!f) {
		err = -errno;
		cli_error("report: cannot write %s: %s", path, strerror(-err));
		hb_results_free(&r);
		return 1;
	}
	err = write_report(&r, f);
	if (fclose(f) && !err)
		err = -errno;
	if (err)
		cli_error("report: cannot write %s: %s", path, strerror(-err));
	else
		printf("report: %s\n", path);
	hb_results_free(&r);
	return err ? 1 : 0;
}
