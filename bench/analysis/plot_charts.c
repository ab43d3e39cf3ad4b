// SPDX-License-Identifier: GPL-2.0-only
/* The data file of each bar and line chart, and when a chart is drawn at all. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "plot_parts.h"

static bool measured_at_all(const struct plot_ctx *p, const char *hook)
{
	for (size_t k = 0; k < p->payloads.n; k++)
		if (plot_bar(p, hook, p->payloads.v[k]).ok)
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
	char payloads[512], extra[640], note[512];
	FILE *f = plot_open_dat(p, "overhead");

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		if (!measured_at_all(p, p->hooks.v[h]))
			continue; /* named in the note under the chart instead */
		plot_dat_label(f, p->hooks.v[h]);
		for (size_t k = 0; k < p->payloads.n; k++) {
			struct hb_estimate e = plot_bar(p, p->hooks.v[h], p->payloads.v[k]);

			plot_dat_num(f, e.ok ? e.est : NAN);
			plot_dat_num(f, e.ok ? e.low : NAN);
			plot_dat_num(f, e.ok ? e.high : NAN);
		}
		fputc('\n', f);
	}
	if (fclose(f))
		return -errno;
	name_list(payloads, sizeof(payloads), "payloads", p->payloads.v, p->payloads.n);
	snprintf(extra, sizeof(extra), "%s; sorted_by='%s'", payloads, p->sorted_by);
	absent_note(p, note, sizeof(note));
	return plot_gnuplot(p, "overhead", extra, note);
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
			plot_dat_num(f, hb_results_num(p->r, (size_t)i, "overhead_ns_per_event"));
			plot_dat_num(f, hb_results_num(p->r, (size_t)i, "ci95_low_ns"));
			plot_dat_num(f, hb_results_num(p->r, (size_t)i, "ci95_high_ns"));
			fputc('\n', f);
		}
	}
	return any;
}

static int plot_threads(const struct plot_ctx *p)
{
	const char *series[PLOT_MAX_NAMES];
	char hooks[512], note[128];
	FILE *f = plot_open_dat(p, "threads");
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
	FILE *f = plot_open_dat(p, "missed");
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
		plot_dat_label(f, label);
		for (size_t k = 0; k < 3; k++)
			plot_dat_num(f, hb_results_num(r, i, cols[k]));
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
	if (!err)
		err = plot_breakeven(p);
	return err;
}
