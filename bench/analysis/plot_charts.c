// SPDX-License-Identifier: GPL-2.0-only
/* The data file of each chart, and when a chart is drawn at all. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "json_read.h"
#include "plot_parts.h"

static FILE *open_dat(const struct plot_ctx *p, const char *chart)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s.dat", p->charts, chart);
	return fopen(path, "we");
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

/* The row of hook at payload among those the bar charts show, or -1. */
static long bar_row(const struct plot_ctx *p, const char *hook, const char *payload)
{
	const struct hb_match m[] = { { "hook", hook }, { "payload", payload }, { "mode", p->mode },
				      { "threads", p->threads }, { NULL, NULL } };

	return hb_results_find(p->r, m);
}

static struct hb_estimate bar(const struct plot_ctx *p, const char *hook, const char *payload)
{
	return hb_results_estimate(p->r, bar_row(p, hook, payload));
}

static bool measured_at_all(const struct plot_ctx *p, const char *hook)
{
	for (size_t k = 0; k < p->payloads.n; k++)
		if (bar(p, hook, p->payloads.v[k]).ok)
			return true;
	return false;
}

/* Hooks this kernel could not run at all, for the note under a chart. */
static void absent_note(const struct plot_ctx *p, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t h = 0; h < p->hooks.n; h++)
		if (!measured_at_all(p, p->hooks.v[h]) && used + 2 < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "Absent: ",
						 p->hooks.v[h]);
	if (used && used + 2 < len)
		snprintf(buf + used, len - used, " (not measured here: unsupported or failed; see summary.csv reasons)");
}

/* Space-separated names as a gnuplot string variable: NAME='a b c'. */
static void name_list(char *buf, size_t len, const char *var, const char *const *names, size_t n)
{
	size_t used = (size_t)snprintf(buf, len, "%s='", var);

	for (size_t k = 0; k < n && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? " " : "", names[k]);
	if (used < len)
		snprintf(buf + used, len - used, "'");
}

static int plot_overhead(const struct plot_ctx *p)
{
	char payloads[512], note[512];
	FILE *f = open_dat(p, "overhead");

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		if (!measured_at_all(p, p->hooks.v[h]))
			continue; /* named in the note under the chart instead */
		dat_label(f, p->hooks.v[h]);
		for (size_t k = 0; k < p->payloads.n; k++) {
			struct hb_estimate e = bar(p, p->hooks.v[h], p->payloads.v[k]);

			dat_num(f, e.ok ? e.est : NAN);
			dat_num(f, e.ok ? e.low : NAN);
			dat_num(f, e.ok ? e.high : NAN);
		}
		fputc('\n', f);
	}
	if (fclose(f))
		return -errno;
	name_list(payloads, sizeof(payloads), "payloads", p->payloads.v, p->payloads.n);
	absent_note(p, note, sizeof(note));
	return plot_gnuplot(p, "overhead", payloads, note);
}

static int plot_breakdown(const struct plot_ctx *p)
{
	char note[512] = "", *w = note;
	FILE *f = open_dat(p, "breakdown");

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		long row = bar_row(p, p->hooks.v[h], p->ref_payload);
		struct hb_estimate e = hb_results_estimate(p->r, row);
		double prog = row < 0 ? NAN : hb_results_num(p->r, (size_t)row, "prog_ns_per_run");

		if (!e.ok || isnan(prog))
			continue;
		dat_label(f, p->hooks.v[h]);
		dat_num(f, prog < e.est ? prog : e.est);
		dat_num(f, e.est > prog ? e.est - prog : 0.0);
		fputc('\n', f);
		if (prog >= e.est && w + 64 < note + sizeof(note))
			w += snprintf(w, (size_t)(note + sizeof(note) - w), "%s%s", w == note ?
				      "In-program time at least the added cost (bar capped, no dispatch shown): " : ", ",
				      p->hooks.v[h]);
	}
	if (fclose(f))
		return -errno;
	return plot_gnuplot(p, "breakdown", NULL, note);
}

static void write_blocks(const struct plot_ctx *p, FILE *f, const struct hb_csv_table *runs,
			 const char *hook, const char *col)
{
	for (int pass = 0; pass < 2; pass++) {
		const char *kind = pass ? "hooked" : "baseline";
		const struct hb_match m[] = { { "hook", hook }, { "payload", p->ref_payload },
					      { "mode", p->mode }, { "threads", p->threads },
					      { "kind", kind }, { NULL, NULL } };

		fprintf(f, "%s# %s\n", pass ? "\n\n" : "", kind);
		for (long i = hb_table_find(runs, 0, m); i >= 0; i = hb_table_find(runs, (size_t)i + 1, m))
			fprintf(f, "%ld %s\n", i, hb_table_str(runs, (size_t)i, col));
	}
}

/* The first measured row of the reference payload: its blocks, in run order. */
static int plot_blocks(const struct plot_ctx *p)
{
	const char *clock = hb_jstr(p->r->meta, "settings.clock", "cpu");
	const char *col = strcmp(clock, "wall") ? "cpu_ns_per_op" : "ns_per_op";
	struct hb_csv_table runs;
	char path[PATH_MAX + 32], why[256], extra[64], what[256];
	const char *hook = NULL;
	FILE *f;
	int err;

	for (size_t h = 0; h < p->hooks.n && !hook; h++)
		if (bar(p, p->hooks.v[h], p->ref_payload).ok)
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
	write_blocks(p, f, &runs, hook, col);
	err = fclose(f) ? -errno : 0;
	snprintf(what, sizeof(what), "Blocks of %s / %s / %s / %s thread(s), every one incl. warm-up",
		 hook, p->ref_payload, p->mode, p->threads);
	snprintf(extra, sizeof(extra), "clock='%s'", clock);
	if (!err)
		err = plot_gnuplot(p, "blocks", extra, what);
cleanup:
	hb_csv_free(&runs);
	return err;
}

/* One series per hook: its measured rows of the reference payload, by thread count. */
static bool write_thread_series(const struct plot_ctx *p, FILE *f, const char *hook, bool first)
{
	const struct hb_csv_table *t = &p->r->summary;
	bool any = false;

	for (size_t k = 0; k < p->thread_counts.n; k++) {
		const struct hb_match m[] = { { "hook", hook }, { "payload", p->ref_payload },
					      { "mode", p->mode }, { "threads", p->thread_counts.v[k] },
					      { "status", "ok" }, { NULL, NULL } };

		for (long i = hb_table_find(t, 0, m); i >= 0; i = hb_table_find(t, (size_t)i + 1, m)) {
			if (!any)
				fprintf(f, "%s# %s\n", first ? "" : "\n\n", hook);
			any = true;
			fprintf(f, "%s", p->thread_counts.v[k]);
			dat_num(f, hb_results_num(p->r, (size_t)i, "overhead_ns_per_event"));
			dat_num(f, hb_results_num(p->r, (size_t)i, "ci95_low_ns"));
			dat_num(f, hb_results_num(p->r, (size_t)i, "ci95_high_ns"));
			fputc('\n', f);
		}
	}
	return any;
}

static int plot_threads(const struct plot_ctx *p)
{
	const char *series[PLOT_MAX_NAMES];
	char hooks[512], note[128];
	FILE *f = open_dat(p, "threads");
	size_t n = 0;

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++)
		if (write_thread_series(p, f, p->hooks.v[h], n == 0))
			series[n++] = p->hooks.v[h];
	if (fclose(f))
		return -errno;
	if (!n)
		return 0;
	name_list(hooks, sizeof(hooks), "hooks", series, n);
	snprintf(note, sizeof(note), "payload %s, mode %s", p->ref_payload, p->mode);
	return plot_gnuplot(p, "threads", hooks, note);
}

/* Only when something was lost: nmissed, recursion misses or ring buffer drops. */
static int plot_missed(const struct plot_ctx *p)
{
	static const char *const cols[] = { "nmissed", "recursion_misses", "ringbuf_drops" };
	const struct hb_results *r = p->r;
	FILE *f = open_dat(p, "missed");
	bool drawn = false;
	char label[256];

	if (!f)
		return -errno;
	for (size_t i = 0; i < r->summary.nrows; i++) {
		bool any = false;

		for (size_t k = 0; k < 3; k++)
			any |= hb_results_num(r, i, cols[k]) > 0;
		if (!any)
			continue;
		drawn = true;
		hb_results_key(r, i, label, sizeof(label));
		dat_label(f, label);
		for (size_t k = 0; k < 3; k++)
			dat_num(f, hb_results_num(r, i, cols[k]));
		fputc('\n', f);
	}
	if (fclose(f))
		return -errno;
	return drawn ? plot_gnuplot(p, "missed", NULL, NULL) : 0;
}

int plot_charts(const struct plot_ctx *p)
{
	int err = plot_overhead(p);

	if (!err)
		err = plot_breakdown(p);
	if (!err)
		err = plot_blocks(p);
	if (!err && p->thread_counts.n > 1)
		err = plot_threads(p);
	if (!err)
		err = plot_missed(p);
	return err;
}
