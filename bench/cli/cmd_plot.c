// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench plot DIR: the charts of a results directory, drawn by the
 * gnuplot scripts in scripts/plot/ from small data files this writes into
 * DIR/charts/ next to them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "paths.h"
#include "plot.h"
#include "results.h"

extern char **environ;

#define MAX_ITEMS 64

struct names {
	const char *v[MAX_ITEMS];
	size_t n;
};

static void add_name(struct names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return;
	if (s->n < MAX_ITEMS)
		s->v[s->n++] = name;
}

struct plot_ctx {
	const struct hb_results *r;
	char charts[PATH_MAX + 16];
	char scripts[PATH_MAX];
	char title[512];
	char subtitle[256];
	const char *mode;   /* the rows the bar charts show */
	const char *threads;
	struct names hooks, payloads;
	const char *ref_payload; /* the payload hooks are sorted by */
};

static bool row_selected(const struct plot_ctx *p, size_t row)
{
	return !strcmp(hb_results_str(p->r, row, "mode"), p->mode) &&
	       !strcmp(hb_results_str(p->r, row, "threads"), p->threads);
}

static long find(const struct plot_ctx *p, const char *hook, const char *payload)
{
	for (size_t i = 0; i < p->r->summary.nrows; i++)
		if (row_selected(p, i) && !strcmp(hb_results_str(p->r, i, "hook"), hook) &&
		    !strcmp(hb_results_str(p->r, i, "payload"), payload))
			return (long)i;
	return -1;
}

static double estimate(const struct plot_ctx *p, const char *hook, const char *payload)
{
	long row = find(p, hook, payload);

	if (row < 0 || strcmp(hb_results_str(p->r, (size_t)row, "status"), "ok"))
		return NAN;
	return hb_results_num(p->r, (size_t)row, "overhead_ns_per_event");
}

static const struct plot_ctx *sort_ctx;

static int by_estimate(const void *a, const void *b)
{
	double x = estimate(sort_ctx, *(const char *const *)a, sort_ctx->ref_payload);
	double y = estimate(sort_ctx, *(const char *const *)b, sort_ctx->ref_payload);

	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x > y) - (x < y);
}

/* gnuplot single-quoted string: a quote is written twice. */
static void gp_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

/* A label for a data file: double-quoted, without quotes or line breaks inside. */
static void dat_label(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' || *s == '\n' ? '\'' : *s, f);
	fputc('"', f);
}

static void dat_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(" ?", f);
	else
		fprintf(f, " %.3f", v);
}

static int run_gnuplot(const struct plot_ctx *p, const char *chart, const char *extra,
		       const char *note)
{
	char script[PATH_MAX + 32], log[PATH_MAX + 32], *vars = NULL, *argv[5];
	posix_spawn_file_actions_t fa;
	size_t vlen = 0;
	FILE *v = open_memstream(&vars, &vlen);
	pid_t pid;
	int status, err;

	if (!v)
		return -ENOMEM;
	fputs("dir=", v);
	gp_quote(v, p->scripts);
	fputs("; data=", v);
	fprintf(v, "'%s/%s.dat'", p->charts, chart);
	fputs("; out=", v);
	fprintf(v, "'%s/%s'", p->charts, chart);
	fputs("; title=", v);
	gp_quote(v, p->title);
	fputs("; note=", v);
	gp_quote(v, note ? note : "");
	fputs("; subtitle=", v);
	gp_quote(v, p->subtitle);
	fprintf(v, "; %s", extra ? extra : "");
	fclose(v);
	snprintf(script, sizeof(script), "%s/%s.gp", p->scripts, chart);
	argv[0] = "gnuplot";
	argv[1] = "-e";
	argv[2] = vars;
	argv[3] = script;
	argv[4] = NULL;
	/* gnuplot's warnings (an empty series, say) go to charts/gnuplot.log. */
	posix_spawn_file_actions_init(&fa);
	snprintf(log, sizeof(log), "%s/gnuplot.log", p->charts);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
	err = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(vars);
	if (err)
		return err == ENOENT ? -ENOENT : -err;
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

static FILE *open_dat(const struct plot_ctx *p, const char *chart)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s.dat", p->charts, chart);
	return fopen(path, "we");
}

/* Hooks this kernel could not run at all, for the note under a chart. */
static void absent_note(const struct plot_ctx *p, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t h = 0; h < p->hooks.n; h++) {
		bool any = false;

		for (size_t k = 0; k < p->payloads.n && !any; k++)
			any = !isnan(estimate(p, p->hooks.v[h], p->payloads.v[k]));
		if (!any && used + 2 < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "Absent: ",
						 p->hooks.v[h]);
	}
	if (used && used + 2 < len)
		snprintf(buf + used, len - used, " (not measured here: unsupported or failed; see summary.csv reasons)");
}

static int plot_overhead(const struct plot_ctx *p, char *note, size_t notelen)
{
	char payloads[512] = "payloads='", *w = payloads + strlen(payloads);
	FILE *f = open_dat(p, "overhead");

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		bool any = false;

		for (size_t k = 0; k < p->payloads.n; k++)
			any |= !isnan(estimate(p, p->hooks.v[h], p->payloads.v[k]));
		if (!any)
			continue; /* named in the note under the chart instead */
		dat_label(f, p->hooks.v[h]);
		for (size_t k = 0; k < p->payloads.n; k++) {
			long row = find(p, p->hooks.v[h], p->payloads.v[k]);
			bool ok = !isnan(estimate(p, p->hooks.v[h], p->payloads.v[k]));

			dat_num(f, ok ? hb_results_num(p->r, (size_t)row, "overhead_ns_per_event") : NAN);
			dat_num(f, ok ? hb_results_num(p->r, (size_t)row, "ci95_low_ns") : NAN);
			dat_num(f, ok ? hb_results_num(p->r, (size_t)row, "ci95_high_ns") : NAN);
		}
		fputc('\n', f);
	}
	if (fclose(f))
		return -errno;
	for (size_t k = 0; k < p->payloads.n; k++)
		w += snprintf(w, (size_t)(payloads + sizeof(payloads) - w), "%s%s", k ? " " : "",
			      p->payloads.v[k]);
	snprintf(w, (size_t)(payloads + sizeof(payloads) - w), "'");
	absent_note(p, note, notelen);
	return run_gnuplot(p, "overhead", payloads, note);
}

static int plot_breakdown(const struct plot_ctx *p)
{
	char note[512] = "", *w = note;
	FILE *f = open_dat(p, "breakdown");

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		long row = find(p, p->hooks.v[h], p->ref_payload);
		double est = estimate(p, p->hooks.v[h], p->ref_payload);
		double prog = row < 0 ? NAN : hb_results_num(p->r, (size_t)row, "prog_ns_per_run");

		if (isnan(est) || isnan(prog))
			continue;
		dat_label(f, p->hooks.v[h]);
		dat_num(f, prog < est ? prog : est);
		dat_num(f, est > prog ? est - prog : 0.0);
		fputc('\n', f);
		if (prog >= est && w + 64 < note + sizeof(note))
			w += snprintf(w, (size_t)(note + sizeof(note) - w), "%s%s", w == note ?
				      "In-program time at least the added cost (bar capped, no dispatch shown): " : ", ",
				      p->hooks.v[h]);
	}
	if (fclose(f))
		return -errno;
	return run_gnuplot(p, "breakdown", NULL, note);
}

/* The first measured row of the reference payload: its blocks, in run order. */
static int plot_blocks(const struct plot_ctx *p, char *what, size_t whatlen)
{
	const char *clock = hb_jstr(&p->r->meta, "settings.clock", "cpu");
	const char *col = strcmp(clock, "wall") ? "cpu_ns_per_op" : "ns_per_op";
	struct hb_csv_table runs;
	char path[PATH_MAX + 32], why[256], extra[64];
	const char *hook = NULL;
	FILE *f;
	int err;

	for (size_t h = 0; h < p->hooks.n && !hook; h++)
		if (!isnan(estimate(p, p->hooks.v[h], p->ref_payload)))
			hook = p->hooks.v[h];
	if (!hook)
		return 0;
	snprintf(path, sizeof(path), "%s/runs.csv", p->r->dir);
	if (hb_csv_load(path, &runs, why, sizeof(why)))
		return 0;
	f = open_dat(p, "blocks");
	if (!f) {
		err = -errno;
		goto cleanup;
	}
	for (int pass = 0; pass < 2; pass++) {
		const char *kind = pass ? "hooked" : "baseline";

		fprintf(f, "%s# %s\n", pass ? "\n\n" : "", kind);
		for (size_t i = 0; i < runs.nrows; i++) {
			if (strcmp(hb_csv_get(&runs, i, hb_csv_col(&runs, "hook")), hook) ||
			    strcmp(hb_csv_get(&runs, i, hb_csv_col(&runs, "payload")), p->ref_payload) ||
			    strcmp(hb_csv_get(&runs, i, hb_csv_col(&runs, "mode")), p->mode) ||
			    strcmp(hb_csv_get(&runs, i, hb_csv_col(&runs, "threads")), p->threads) ||
			    strcmp(hb_csv_get(&runs, i, hb_csv_col(&runs, "kind")), kind))
				continue;
			fprintf(f, "%zu %s\n", i, hb_csv_get(&runs, i, hb_csv_col(&runs, col)));
		}
	}
	err = fclose(f) ? -errno : 0;
	snprintf(what, whatlen, "Blocks of %s / %s / %s / %s thread(s), every one incl. warm-up", hook,
		 p->ref_payload, p->mode, p->threads);
	snprintf(extra, sizeof(extra), "clock='%s'", clock);
	if (!err)
		err = run_gnuplot(p, "blocks", extra, what);
cleanup:
	hb_csv_free(&runs);
	return err;
}

static int plot_threads(const struct plot_ctx *p, const struct names *threads)
{
	char hooks[512] = "hooks='", *w = hooks + strlen(hooks), note[128];
	FILE *f = open_dat(p, "threads");
	size_t series = 0;

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		bool any = false;

		for (size_t t = 0; t < threads->n; t++) {
			for (size_t i = 0; i < p->r->summary.nrows; i++) {
				const struct hb_results *r = p->r;

				if (strcmp(hb_results_str(r, i, "hook"), p->hooks.v[h]) ||
				    strcmp(hb_results_str(r, i, "payload"), p->ref_payload) ||
				    strcmp(hb_results_str(r, i, "mode"), p->mode) ||
				    strcmp(hb_results_str(r, i, "threads"), threads->v[t]) ||
				    strcmp(hb_results_str(r, i, "status"), "ok"))
					continue;
				if (!any)
					fprintf(f, "%s# %s\n", series ? "\n\n" : "", p->hooks.v[h]);
				any = true;
				fprintf(f, "%s", threads->v[t]);
				dat_num(f, hb_results_num(r, i, "overhead_ns_per_event"));
				dat_num(f, hb_results_num(r, i, "ci95_low_ns"));
				dat_num(f, hb_results_num(r, i, "ci95_high_ns"));
				fputc('\n', f);
			}
		}
		if (any)
			w += snprintf(w, (size_t)(hooks + sizeof(hooks) - w), "%s%s", series++ ? " " : "",
				      p->hooks.v[h]);
	}
	snprintf(w, (size_t)(hooks + sizeof(hooks) - w), "'");
	if (fclose(f))
		return -errno;
	if (!series)
		return 0;
	snprintf(note, sizeof(note), "payload %s, mode %s", p->ref_payload, p->mode);
	return run_gnuplot(p, "threads", hooks, note);
}

/* Only when something was lost: nmissed, recursion misses or ring buffer drops. */
static int plot_missed(const struct plot_ctx *p, bool *drawn)
{
	static const char *const cols[] = { "nmissed", "recursion_misses", "ringbuf_drops" };
	FILE *f = open_dat(p, "missed");
	char label[256];

	if (!f)
		return -errno;
	*drawn = false;
	for (size_t i = 0; i < p->r->summary.nrows; i++) {
		bool any = false;

		for (size_t k = 0; k < 3; k++)
			any |= hb_results_num(p->r, i, cols[k]) > 0;
		if (!any)
			continue;
		*drawn = true;
		hb_results_key(p->r, i, label, sizeof(label));
		dat_label(f, label);
		for (size_t k = 0; k < 3; k++)
			dat_num(f, hb_results_num(p->r, i, cols[k]));
		fputc('\n', f);
	}
	if (fclose(f))
		return -errno;
	return *drawn ? run_gnuplot(p, "missed", NULL, NULL) : 0;
}

static void setup(struct plot_ctx *p, const struct hb_results *r, struct names *threads)
{
	const char *min_threads = NULL;

	memset(p, 0, sizeof(*p));
	p->r = r;
	snprintf(p->charts, sizeof(p->charts), "%s/charts", r->dir);
	snprintf(p->title, sizeof(p->title), "Cost of hooking unlinkat() — Linux %s, %s",
		 hb_jstr(&r->meta, "kernel.release", "?"), hb_jstr(&r->meta, "cpu.model", "?"));
	snprintf(p->subtitle, sizeof(p->subtitle), "%s",
		 strncmp(hb_jstr(&r->meta, "timing", "wall"), "wall", 4) ?
			 hb_jstr(&r->meta, "timing", "") : "");
	for (size_t i = 0; i < r->summary.nrows; i++) {
		const char *t = hb_results_str(r, i, "threads");

		add_name(&p->hooks, hb_results_str(r, i, "hook"));
		add_name(&p->payloads, hb_results_str(r, i, "payload"));
		add_name(threads, t);
		if (!min_threads || atoi(t) < atoi(min_threads))
			min_threads = t;
	}
	p->mode = r->summary.nrows ? hb_results_str(r, 0, "mode") : "enoent";
	p->threads = min_threads ? min_threads : "1";
	p->ref_payload = p->payloads.n ? p->payloads.v[0] : "count";
	for (size_t k = 0; k < p->payloads.n; k++)
		if (!strcmp(p->payloads.v[k], "count"))
			p->ref_payload = "count";
	sort_ctx = p;
	qsort(p->hooks.v, p->hooks.n, sizeof(p->hooks.v[0]), by_estimate);
}

int hb_plot(const struct hb_results *r, char *why, size_t len)
{
	struct names threads = { .n = 0 };
	struct plot_ctx p;
	char note[512], what[256];
	bool missed;
	int err;

	setup(&p, r, &threads);
	err = hb_path_data("plot", p.scripts, sizeof(p.scripts));
	if (err) {
		snprintf(why, len, "hookbench's plot scripts are missing (%.300s): %s", p.scripts,
			 strerror(-err));
		return err;
	}
	if (mkdir(p.charts, 0755) && errno != EEXIST) {
		err = -errno;
		snprintf(why, len, "cannot create %.300s: %s", p.charts, strerror(-err));
		return err;
	}
	err = plot_overhead(&p, note, sizeof(note));
	if (!err)
		err = plot_breakdown(&p);
	if (!err)
		err = plot_blocks(&p, what, sizeof(what));
	if (!err && threads.n > 1)
		err = plot_threads(&p, &threads);
	if (!err)
		err = plot_missed(&p, &missed);
	if (err == -ENOENT)
		snprintf(why, len, "gnuplot is not installed (apt-get install gnuplot-nox)");
	else if (err)
		snprintf(why, len, "drawing the charts in %.300s failed: %s", p.charts, strerror(-err));
	return err;
}

int cmd_plot(int argc, char **argv)
{
	struct hb_results r;
	char why[512];
	int err;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		puts("Usage: hookbench plot DIR\n\n"
		     "Draw the charts of a results directory into DIR/charts/, each as PNG and SVG,\n"
		     "with the gnuplot scripts in scripts/plot/ (or $HOOKBENCH_PLOT_DIR):\n"
		     "  overhead   added ns per unlinkat() per hook and payload, 95% CI bars, sorted\n"
		     "  breakdown  in-program cost (bpf_stats) against dispatch cost, per hook\n"
		     "  blocks     every block's ns per call in run order, baseline against hooked\n"
		     "  threads    added cost against workload threads (runs with several counts)\n"
		     "  missed     nmissed, recursion misses, ring buffer drops (when any)\n"
		     "Hooks that were not measured are left out and named under the chart.\n\n"
		     "Example:\n  hookbench plot results/20261126T120000Z");
		return 0;
	}
	if (argc != 2) {
		cli_error("plot needs one results directory (see --help)");
		return HB_EXIT_USAGE;
	}
	if (hb_results_load(&r, argv[1], why, sizeof(why))) {
		cli_error("plot: %s", why);
		return HB_EXIT_USAGE;
	}
	err = hb_plot(&r, why, sizeof(why));
	if (err)
		cli_error("plot: %s", why);
	else
		printf("charts: %s/charts\n", r.dir);
	hb_results_free(&r);
	return err ? 1 : 0;
}
