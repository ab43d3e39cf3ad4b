// SPDX-License-Identifier: GPL-2.0-only
/*
 * The breakdown chart, per hook at the reference payload. A run that
 * measured `empty` gets its paired parts (breakdown.gp): dispatch and body
 * stacked against the whole added cost, bpf_stats' in-program time as a
 * bar of its own beside them. A run without `empty` gets in-program time
 * stacked under the rest of the added cost (breakdown_stats.gp).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "breakdown.h"
#include "plot_parts.h"

#define NOTE_MAX 512

/* The two lines under the parts chart, built up hook by hook. */
struct notes {
	char parts[NOTE_MAX];      /* parts larger than their whole, and why */
	char every[NOTE_MAX];      /* in-program time above the whole: runs on every syscall */
	char separate[NOTE_MAX];   /* in-program time above the whole: the other hooks */
};

__attribute__((format(printf, 2, 3)))
static void append(char *buf, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= NOTE_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, NOTE_MAX - used, fmt, ap);
	va_end(ap);
}

static void note_hook(struct notes *n, const char *hook, const struct hb_breakdown *b)
{
	unsigned odd = hb_breakdown_odd(b);
	const char *sep = n->parts[0] ? "; " : "";

	if (!hb_breakdown_has_parts(b))
		append(n->parts, "%s%s: no parts (no `empty` run)", sep, hook);
	else if (odd & HB_ODD_BODY_NEGATIVE)
		append(n->parts, "%s%s: body < 0, so dispatch > the whole (the payload measured cheaper "
		       "than `empty` in the same rounds: below what this run resolves)", sep, hook);
	else if (odd & HB_ODD_DISPATCH_NEGATIVE)
		append(n->parts, "%s%s: dispatch < 0 (below what this run resolves)", sep, hook);
	else if (odd & HB_ODD_PART_OVER_WHOLE)
		append(n->parts, "%s%s: a part > the whole (each is its own median; they need not add "
		       "up)", sep, hook);
	if (odd & HB_ODD_PROG_OVER_WHOLE) {
		char *list = b->every_syscall ? n->every : n->separate;

		append(list, "%s%s", list[0] ? ", " : "", hook);
	}
}

/* The second line: hooks whose in-program time is above their added cost, and why. */
static void prog_note(const struct notes *n, char *buf)
{
	buf[0] = '\0';
	if (!n->every[0] && !n->separate[0])
		return;
	append(buf, "In-program time beyond the empty program above the added cost (bpf_stats in separate blocks, not a part): ");
	append(buf, "%s", n->separate);
	if (n->every[0])
		append(buf, "%s%s (runs on every syscall; averaged over all of them)",
		       n->separate[0] ? "; " : "", n->every);
}

/* gnuplot statement VAR='value', a quote written twice. */
static void gp_assign(char *buf, size_t len, const char *var, const char *value)
{
	size_t used = (size_t)snprintf(buf, len, "%s='", var);

	for (; *value && used + 3 < len; value++) {
		if (*value == '\'')
			buf[used++] = '\'';
		buf[used++] = *value;
	}
	snprintf(buf + used, len - used, "'");
}

static int plot_parts(const struct plot_ctx *p)
{
	struct notes n = { "", "", "" };
	char second[NOTE_MAX], extra[NOTE_MAX + 32];
	FILE *f = plot_open_dat(p, "breakdown");
	size_t x = 0;

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		long row = plot_bar_row(p, p->hooks.v[h], p->ref_payload);
		struct hb_breakdown b;

		if (!hb_breakdown_of(p->r, row, &b))
			continue;
		fprintf(f, "%zu ", x++);
		plot_dat_label(f, p->hooks.v[h]);
		plot_dat_num(f, b.whole);
		plot_dat_num(f, hb_results_num(p->r, (size_t)row, "ci95_low_ns"));
		plot_dat_num(f, hb_results_num(p->r, (size_t)row, "ci95_high_ns"));
		plot_dat_num(f, b.dispatch);
		plot_dat_num(f, b.body);
		plot_dat_num(f, b.prog_beyond);
		fputc('\n', f);
		note_hook(&n, p->hooks.v[h], &b);
	}
	if (fclose(f))
		return -errno;
	if (!x)
		return 0;
	prog_note(&n, second);
	gp_assign(extra, sizeof(extra), "note2", second);
	return plot_gnuplot(p, "breakdown", extra, n.parts);
}

/* Runs without the parts: in-program time stacked under the rest, capped at the whole. */
static int plot_stats(const struct plot_ctx *p)
{
	char note[512] = "", *w = note;
	FILE *f = plot_open_dat(p, "breakdown");

	if (!f)
		return -errno;
	for (size_t h = 0; h < p->hooks.n; h++) {
		long row = plot_bar_row(p, p->hooks.v[h], p->ref_payload);
		struct hb_estimate e = hb_results_estimate(p->r, row);
		double prog = row < 0 ? NAN : hb_results_num(p->r, (size_t)row, "prog_ns_per_run");

		if (!e.ok || isnan(prog))
			continue;
		plot_dat_label(f, p->hooks.v[h]);
		plot_dat_num(f, prog < e.est ? prog : e.est);
		plot_dat_num(f, e.est > prog ? e.est - prog : 0.0);
		fputc('\n', f);
		if (prog >= e.est && w + 64 < note + sizeof(note))
			w += snprintf(w, (size_t)(note + sizeof(note) - w), "%s%s", w == note ?
				      "In-program time at least the added cost (bar capped, no dispatch shown): " : ", ",
				      p->hooks.v[h]);
	}
	if (fclose(f))
		return -errno;
	return plot_gnuplot_script(p, "breakdown_stats", "breakdown", NULL, note);
}

int plot_breakdown(const struct plot_ctx *p)
{
	return hb_breakdown_available(p->r) ? plot_parts(p) : plot_stats(p);
}
