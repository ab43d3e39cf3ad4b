// SPDX-License-Identifier: GPL-2.0-only
/* report.md of a merged directory: the fleet page (fleet.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fleet.h"
#include "fleet_report_parts.h"
#include "json_read.h"
#include "report_parts.h"

static void cell(FILE *f, const struct fleet_grid *g, size_t group, size_t hook, size_t col)
{
	struct fleet_cell c = fleet_grid_cell(g, group, hook, col);

	if (c.row < 0)
		fputs(" — |", f);
	else if (!c.ok && !hb_results_ok(g->r, (size_t)c.row))
		fprintf(f, " %s |", hb_results_str(g->r, (size_t)c.row, "status"));
	else if (!c.ok)
		fputs(" n/a |", f);
	else if (c.reference)
		fputs(" reference |", f);
	else if (c.interval)
	{
		fprintf(f, " %.2f× ", c.est);
		report_bounds(f, c.low, c.high, 2);
		fputs(" |", f);
	}
	else
		fprintf(f, " %.2f× |", c.est);
}

static void table(FILE *f, const struct fleet_grid *g, size_t group, const char *heading)
{
	char name[256];

	fleet_group_name(&g->group[group], name, sizeof(name));
	fprintf(f, "\n%s %s: cost relative to the reference hook\n\n| hook |", heading, name);
	for (size_t c = 0; c < g->ncols; c++)
		fprintf(f, " %s |", g->col[c].label);
	fputs("\n|---|", f);
	for (size_t c = 0; c < g->ncols; c++)
		fputs("---|", f);
	fputc('\n', f);
	for (size_t h = 0; h < g->nhooks; h++) {
		fprintf(f, "| %s |", g->hook[h]);
		for (size_t c = 0; c < g->ncols; c++)
			cell(f, g, group, h, c);
		fputc('\n', f);
	}
}

static void intro(FILE *f, const struct fleet_grid *g)
{
	struct json_object *m = g->r->meta;

	fprintf(f, "# What hooking `unlinkat()` costs across a fleet: %zu kernel run%s\n\n", g->ncols,
		g->ncols == 1 ? "" : "s");
	fprintf(f, "`hookbench merge` combined %zu source%s (schema version %g; see Sources). ", g->ncols,
		g->ncols == 1 ? "" : "s", hb_jnum(m, "schema_version", 0));
	fputs("Each cell is what a hook costs per `unlinkat()` on that kernel relative to the "
	      "reference hook measured in the same run (×, with the interval another run of it "
	      "should land in): a ratio, so kernels timed in different units (host wall-clock ns, "
	      "guest instruction counts) stand side by side. Their absolute figures never do; "
	      "they are in summary.csv, with each row's unit in its unit column.\n", f);
	fputs("\nIn the tables: `—` the kernel's run did not include that hook; a status word "
	      "(`unsupported`, `error`, ...) the hook did not run there (why: below); `n/a` it ran "
	      "but has no ratio.\n", f);
}

static void write_page(FILE *f, const struct fleet_grid *g)
{
	char chart[PATH_MAX + 32];

	snprintf(chart, sizeof(chart), "%s/charts/fleet.png", g->r->dir);
	intro(f, g);
	fleet_report_kernels(f, g);
	if (g->ngroups)
		table(f, g, 0, "##");
	if (access(chart, R_OK) == 0)
		fputs("\n![Hook × kernel heat map: cost relative to the reference hook](charts/fleet.png)\n", f);
	fleet_report_unsupported(f, g);
	if (g->ngroups > 1)
		fputs("\n## Other payloads, modes and thread counts\n", f);
	for (size_t k = 1; k < g->ngroups; k++)
		table(f, g, k, "###");
	fleet_report_sources(f, g);
}

int hb_fleet_report_write(const struct hb_results *r, char *path, size_t len)
{
	struct fleet_grid g;
	FILE *f;
	int err = fleet_grid_build(r, &g);

	snprintf(path, len, "%s/report.md", r->dir);
	if (err)
		return err;
	f = fopen(path, "we");
	if (!f) {
		err = -errno;
		goto cleanup;
	}
	write_page(f, &g);
	if (ferror(f))
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
cleanup:
	fleet_grid_free(&g);
	return err;
}
