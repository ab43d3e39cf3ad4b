// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fleet heat map: hooks down, kernels across, each cell coloured by the
 * hook's cost relative to its kernel's reference hook (log scale, 1× white),
 * for the lead payload x mode x threads. charts/fleet.dat holds the cells.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fleet.h"
#include "fleet_grid.h"
#include "json_read.h"
#include "paths.h"
#include "plot_parts.h"

/*
 * Merged rows come from other machines: only letters, digits and ._+-:~ pass
 * into gnuplot's command line (a quote could end the string, a backquote
 * runs a command), and spaces inside a quoted word; anything else becomes '_'.
 */
static void put_safe(FILE *w, const char *s, bool space)
{
	for (; *s; s++)
		fputc(isalnum((unsigned char)*s) || strchr("._+-:~", *s) || (space && *s == ' ')
			      ? *s : '_', w);
}

/* A word of a gnuplot word list: double-quoted, two safe parts. */
static void add_word(FILE *w, const char *a, const char *b)
{
	fputs(" \"", w);
	put_safe(w, a, true);
	fputc(' ', w);
	put_safe(w, b, true);
	fputc('"', w);
}

/* kernels='"K1 6.1.0-56-cloud-amd64 x86_64" ...' (host: report.md's Kernels table); hooks='tracepoint kprobe ...' */
static char *word_lists(const struct fleet_grid *g)
{
	char *vars = NULL, label[512];
	size_t len = 0;
	FILE *w = open_memstream(&vars, &len);

	if (!w)
		return NULL;
	fputs("kernels='", w);
	for (size_t c = 0; c < g->ncols; c++) {
		snprintf(label, sizeof(label), "%s %s", g->col[c].kernel, g->col[c].arch);
		add_word(w, g->col[c].label, label);
	}
	fputs("'; hooks='", w);
	for (size_t h = 0; h < g->nhooks; h++) {
		fputs(h ? " " : "", w);
		put_safe(w, g->hook[h], false);
	}
	fputs("'", w);
	if (fclose(w)) {
		free(vars);
		return NULL;
	}
	return vars;
}

/* One line per cell: column, hook, ratio, measured (1/0), the text shown in it. */
static int write_cells(const struct plot_ctx *p, const struct fleet_grid *g)
{
	FILE *f = plot_open_dat(p, "fleet");

	if (!f)
		return -errno;
	fputs("# column hook ratio measured text\n", f);
	for (size_t h = 0; h < g->nhooks; h++) {
		for (size_t c = 0; c < g->ncols; c++) {
			struct fleet_cell cell = fleet_grid_cell(g, 0, h, c);
			char text[64];

			if (cell.ok)
				snprintf(text, sizeof(text), "%.2f", cell.est);
			else if (cell.row >= 0)
				snprintf(text, sizeof(text), "%s", hb_results_str(g->r, (size_t)cell.row, "status"));
			else
				snprintf(text, sizeof(text), "not run");
			fprintf(f, "%zu %zu", c, h);
			plot_dat_num(f, cell.ok ? cell.est : 0);
			fprintf(f, " %d ", cell.ok && cell.est > 0);
			plot_dat_label(f, text);
			fputc('\n', f);
		}
	}
	return fclose(f) ? -errno : 0;
}

static int draw(struct plot_ctx *p, const struct fleet_grid *g)
{
	char group[256], note[512], *vars = word_lists(g);
	int err;

	if (!vars)
		return -ENOMEM;
	fleet_group_name(&g->group[0], group, sizeof(group));
	snprintf(note, sizeof(note), "%s. Each cell: the hook's cost relative to its kernel's reference hook; "
		 "grey: the hook did not run there. K1, K2, ...: report.md's Kernels table.", group);
	err = write_cells(p, g);
	if (!err)
		err = plot_gnuplot(p, "fleet", vars, note);
	free(vars);
	return err;
}

static int setup(struct plot_ctx *p, const struct hb_results *r, char *why, size_t len)
{
	char log[PATH_MAX + 32];
	int err;

	memset(p, 0, sizeof(*p));
	p->r = r;
	p->log_fd = -1;
	snprintf(p->charts, sizeof(p->charts), "%s/charts", r->dir);
	snprintf(p->title, sizeof(p->title), "Cost of hooking unlinkat() across a fleet, relative to the reference hook");
	err = hb_path_data("plot", p->scripts, sizeof(p->scripts));
	if (err) {
		snprintf(why, len, "hookbench's plot scripts are missing (%.300s): %s", p->scripts, strerror(-err));
		return err;
	}
	if (mkdir(p->charts, 0755) && errno != EEXIST) {
		err = -errno;
		snprintf(why, len, "cannot create %.300s: %s", p->charts, strerror(-err));
		return err;
	}
	snprintf(log, sizeof(log), "%s/gnuplot.log", p->charts);
	p->log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (p->log_fd < 0) {
		err = -errno;
		snprintf(why, len, "cannot create %.300s: %s", log, strerror(-err));
	}
	return err;
}

int hb_fleet_plot(const struct hb_results *r, char *why, size_t len)
{
	struct fleet_grid g;
	struct plot_ctx p;
	int err = setup(&p, r, why, len);

	if (err)
		return err;
	err = fleet_grid_build(r, &g);
	if (err) {
		snprintf(why, len, "%.300s: not a merged fleet directory", r->dir);
		goto cleanup;
	}
	if (g.ncols && g.nhooks)
		err = draw(&p, &g);
	if (err == -ENOENT)
		snprintf(why, len, "gnuplot is not installed (apt-get install gnuplot-nox)");
	else if (err)
		snprintf(why, len, "drawing the fleet chart in %.300s failed: %s", p.charts, strerror(-err));
	fleet_grid_free(&g);
cleanup:
	close(p.log_fd);
	return err;
}

bool hb_fleet_plot_drawn(const struct hb_results *r)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/charts/fleet.png", r->dir);
	return access(path, R_OK) == 0;
}
