// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "fleet_grid.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "json_read.h"

bool hb_fleet_is_merged(const struct hb_results *r)
{
	return json_object_is_type(hb_jget(r->meta, "fleet.sources"), json_type_array);
}

static int by_arch_kernel_host(const void *pa, const void *pb)
{
	const struct fleet_column *a = pa, *b = pb;
	int c = strcmp(a->arch, b->arch);

	if (!c)
		c = strverscmp(a->kernel, b->kernel);
	if (!c)
		c = strcmp(a->host, b->host);
	return c ? c : (a->source > b->source) - (a->source < b->source);
}

static int columns(struct fleet_grid *g, struct json_object *sources)
{
	size_t n = json_object_array_length(sources);

	g->col = calloc(n ? n : 1, sizeof(*g->col));
	if (!g->col)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(sources, i);
		struct fleet_column *c = &g->col[g->ncols];

		if (hb_jnum(s, "rows", 0) <= 0)
			continue;
		c->source = (long long)hb_jnum(s, "source", (double)(i + 1));
		c->host = hb_jstr(s, "host", "?");
		c->arch = hb_jstr(s, "arch", "?");
		c->kernel = hb_jstr(s, "kernel", "?");
		c->kind = hb_jstr(s, "kind", "?");
		c->path = hb_jstr(s, "path", "?");
		c->timing = hb_jstr(s, "timing", "wall");
		g->ncols++;
	}
	qsort(g->col, g->ncols, sizeof(*g->col), by_arch_kernel_host);
	for (size_t i = 0; i < g->ncols; i++)
		snprintf(g->col[i].label, sizeof(g->col[i].label), "K%zu", i + 1);
	return 0;
}

static void hooks(struct fleet_grid *g)
{
	const char *const cols[] = { "hook", NULL };

	for (size_t i = 0; i < g->r->summary.nrows; i++)
		if (!hb_results_is_control(g->r, i) && hb_table_first_of(&g->r->summary, i, cols))
			g->hook[g->nhooks++] = hb_results_str(g->r, i, "hook");
}

static bool has(const struct hb_results *r, const char *col, const char *value)
{
	const struct hb_match m[] = { { col, value }, { NULL, NULL } };

	return hb_results_find(r, m) >= 0;
}

/* The lead group first, then the others as the rows first give them. */
static void groups(struct fleet_grid *g)
{
	const char *const cols[] = { "payload", "mode", "threads", NULL };
	const struct hb_results *r = g->r;
	struct fleet_group lead = { hb_results_ref_payload(r), "enoent", NULL };

	if (!has(r, "mode", "enoent") && r->summary.nrows)
		lead.mode = hb_results_str(r, 0, "mode");
	for (size_t i = 0; i < r->summary.nrows; i++) {
		const char *t = hb_results_str(r, i, "threads");

		if (!lead.threads || atoi(t) < atoi(lead.threads))
			lead.threads = t;
	}
	g->group[g->ngroups++] = lead;
	for (size_t i = 0; i < r->summary.nrows; i++) {
		struct fleet_group grp = { hb_results_str(r, i, "payload"), hb_results_str(r, i, "mode"),
					   hb_results_str(r, i, "threads") };

		if (hb_results_is_control(r, i) || !hb_table_first_of(&r->summary, i, cols))
			continue;
		if (!strcmp(grp.payload, lead.payload) && !strcmp(grp.mode, lead.mode) &&
		    !strcmp(grp.threads, lead.threads ? lead.threads : ""))
			continue;
		g->group[g->ngroups++] = grp;
	}
}

int fleet_grid_build(const struct hb_results *r, struct fleet_grid *g)
{
	struct json_object *sources = hb_jget(r->meta, "fleet.sources");
	size_t rows = r->summary.nrows;
	int err;

	memset(g, 0, sizeof(*g));
	g->r = r;
	if (!json_object_is_type(sources, json_type_array))
		return -EINVAL;
	g->hook = calloc(rows + 1, sizeof(*g->hook));
	g->group = calloc(rows + 1, sizeof(*g->group));
	if (!g->hook || !g->group) {
		fleet_grid_free(g);
		return -ENOMEM;
	}
	err = columns(g, sources);
	if (err) {
		fleet_grid_free(g);
		return err;
	}
	hooks(g);
	groups(g);
	return 0;
}

void fleet_grid_free(struct fleet_grid *g)
{
	free(g->col);
	free(g->hook);
	free(g->group);
	memset(g, 0, sizeof(*g));
}

static long find_row(const struct fleet_grid *g, size_t group, const char *hook, size_t col)
{
	const struct fleet_group *grp = &g->group[group];
	char source[32];
	const struct hb_match m[] = { { "source", source }, { "hook", hook }, { "payload", grp->payload },
				      { "mode", grp->mode }, { "threads", grp->threads }, { NULL, NULL } };

	snprintf(source, sizeof(source), "%lld", g->col[col].source);
	return hb_results_find(g->r, m);
}

const char *fleet_grid_reference(const struct fleet_grid *g, size_t col)
{
	char source[32];
	const struct hb_match m[] = { { "source", source }, { NULL, NULL } };

	snprintf(source, sizeof(source), "%lld", g->col[col].source);
	return hb_results_reference(g->r, m);
}

struct fleet_cell fleet_grid_cell(const struct fleet_grid *g, size_t group, size_t hook, size_t col)
{
	struct fleet_cell c = { .row = find_row(g, group, g->hook[hook], col), .est = NAN, .low = NAN,
				.high = NAN };
	struct hb_estimate e;

	if (c.row < 0)
		return c;
	c.reference = !strcmp(g->hook[hook], fleet_grid_reference(g, col));
	e = hb_results_ratio(g->r, c.row);
	c.ok = e.ok;
	c.interval = e.ok && !isnan(e.low) && !isnan(e.high) && !c.reference;
	c.est = e.est;
	c.low = e.low;
	c.high = e.high;
	return c;
}

void fleet_group_name(const struct fleet_group *grp, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/%st", grp->payload, grp->mode, grp->threads ? grp->threads : "1");
}
