// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json_read.h"
#include "paths.h"
#include "plot_parts.h"
#include "rank.h"
#include "subprocess.h"

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

/* The gnuplot variables the scripts read, as one -e argument. */
static char *gp_vars(const struct plot_ctx *p, const char *chart, const char *extra,
		     const char *note)
{
	char *vars = NULL, path[PATH_MAX + 64];
	size_t len = 0;
	FILE *v = open_memstream(&vars, &len);

	if (!v)
		return NULL;
	fputs("dir=", v);
	gp_quote(v, p->scripts);
	snprintf(path, sizeof(path), "%s/%s.dat", p->charts, chart);
	fputs("; data=", v);
	gp_quote(v, path);
	snprintf(path, sizeof(path), "%s/%s", p->charts, chart);
	fputs("; out=", v);
	gp_quote(v, path);
	fputs("; title=", v);
	gp_quote(v, p->title);
	fputs("; note=", v);
	gp_quote(v, note ? note : "");
	fputs("; subtitle=", v);
	gp_quote(v, p->subtitle);
	fputs("; unit=", v);
	gp_quote(v, hb_results_unit(p->r));
	fprintf(v, "; %s", extra ? extra : "");
	if (fclose(v)) {
		free(vars);
		return NULL;
	}
	return vars;
}

int plot_gnuplot_script(const struct plot_ctx *p, const char *name, const char *chart,
			const char *extra, const char *note)
{
	const struct hb_spawn_io io = { .out = HB_SPAWN_INHERIT, .err = p->log_fd };
	char script[PATH_MAX + 32], *vars = gp_vars(p, chart, extra, note);
	int status, err;

	if (!vars)
		return -ENOMEM;
	snprintf(script, sizeof(script), "%s/%s.gp", p->scripts, name);
	err = hb_spawn_wait((char *[]){ "gnuplot", "-e", vars, script, NULL }, &io, &status);
	free(vars);
	if (!err && !hb_exited_ok(status))
		err = -EIO;
	return err;
}

int plot_gnuplot(const struct plot_ctx *p, const char *chart, const char *extra, const char *note)
{
	return plot_gnuplot_script(p, chart, chart, extra, note);
}

/* The values of col among the rows, the control (nothing attached) left out: no hook to chart. */
static void distinct(const struct hb_results *r, const char *col, struct plot_names *out)
{
	const char *const cols[] = { col, NULL };

	out->n = 0;
	for (size_t i = 0; i < r->summary.nrows && out->n < PLOT_MAX_NAMES; i++)
		if (!hb_results_is_control(r, i) && hb_table_first_of(&r->summary, i, cols))
			out->v[out->n++] = hb_results_str(r, i, col);
}

/* What the hooks are ranked by: the reference hook a run's ratios are taken against, or NULL. */
static const char *ratio_reference(const struct plot_ctx *p, const long *row)
{
	for (size_t h = 0; h < p->hooks.n; h++)
		if (hb_results_ratio(p->r, row[h]).ok)
			return hb_results_str(p->r, (size_t)row[h], "reference_hook");
	return NULL;
}

/*
 * Hooks measured at the reference payload first, best first: by their ratio
 * to the reference hook when the run has ratios, else by added cost; the
 * rest after.
 */
static void sort_hooks(struct plot_ctx *p)
{
	struct hb_ranked ranked[PLOT_MAX_NAMES];
	const char *hooks[PLOT_MAX_NAMES], *reference;
	long row[PLOT_MAX_NAMES];

	for (size_t h = 0; h < p->hooks.n; h++)
		row[h] = plot_bar_row(p, p->hooks.v[h], p->ref_payload);
	reference = ratio_reference(p, row);
	if (reference)
		snprintf(p->sorted_by, sizeof(p->sorted_by), "cost relative to %s",
			 *reference ? reference : "the reference hook");
	else
		snprintf(p->sorted_by, sizeof(p->sorted_by), "added cost");
	for (size_t h = 0; h < p->hooks.n; h++) {
		struct hb_estimate e = hb_results_estimate(p->r, row[h]);

		ranked[h] = (struct hb_ranked){ .pos = h, .ok = e.ok,
						.est = reference ? hb_results_ratio(p->r, row[h]).est : e.est };
		hooks[h] = p->hooks.v[h];
	}
	hb_rank(ranked, p->hooks.n);
	for (size_t h = 0; h < p->hooks.n; h++)
		p->hooks.v[h] = hooks[ranked[h].pos];
}

/* The bar charts show the first row's mode at the fewest workload threads. */
static void setup(struct plot_ctx *p, const struct hb_results *r)
{
	const char *timing = hb_jstr(r->meta, "timing", "wall");

	memset(p, 0, sizeof(*p));
	p->r = r;
	p->log_fd = -1;
	snprintf(p->charts, sizeof(p->charts), "%s/charts", r->dir);
	snprintf(p->title, sizeof(p->title), "Cost of hooking unlinkat() — Linux %s, %s",
		 hb_jstr(r->meta, "kernel.release", "?"), hb_jstr(r->meta, "cpu.model", "?"));
	snprintf(p->subtitle, sizeof(p->subtitle), "%s",
		 strncmp(timing, "wall", 4) ? hb_jstr(r->meta, "timing", "") : "");
	p->mode = r->summary.nrows ? hb_results_str(r, 0, "mode") : "enoent";
	p->threads = "1";
	for (size_t i = 0; i < r->summary.nrows; i++) {
		const char *t = hb_results_str(r, i, "threads");

		if (i == 0 || atoi(t) < atoi(p->threads))
			p->threads = t;
	}
	p->ref_payload = hb_results_ref_payload(r);
	distinct(r, "hook", &p->hooks);
	distinct(r, "payload", &p->payloads);
	distinct(r, "threads", &p->thread_counts);
	sort_hooks(p);
}

bool hb_plot_drawn(const struct hb_results *r)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/charts/overhead.png", r->dir);
	return access(path, R_OK) == 0;
}

int hb_plot(const struct hb_results *r, char *why, size_t len)
{
	char log[PATH_MAX + 32];
	struct plot_ctx p;
	int err;

	setup(&p, r);
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
	snprintf(log, sizeof(log), "%s/gnuplot.log", p.charts);
	p.log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (p.log_fd < 0) {
		err = -errno;
		snprintf(why, len, "cannot create %.300s: %s", log, strerror(-err));
		return err;
	}
	err = plot_charts(&p);
	if (err == -ENOENT)
		snprintf(why, len, "gnuplot is not installed (apt-get install gnuplot-nox)");
	else if (err)
		snprintf(why, len, "drawing the charts in %.300s failed: %s", p.charts, strerror(-err));
	close(p.log_fd);
	return err;
}
