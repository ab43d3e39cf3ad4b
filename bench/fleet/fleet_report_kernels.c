// SPDX-License-Identifier: GPL-2.0-only
/* The fleet page's per-kernel sections: the kernels, what did not run there, the sources. */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_report_parts.h"
#include "json_read.h"
#include "report_parts.h"

#define MAX_LIST 64

bool fleet_row_in(const struct fleet_grid *g, size_t row, size_t col)
{
	return atoll(hb_results_str(g->r, row, "source")) == g->col[col].source;
}

static bool kprobe_family(const char *hook)
{
	return !strncmp(hook, "kprobe", 6) || !strncmp(hook, "kretprobe", 9);
}

/* The symbol a row attached to: a target column when the run has one, else its attach point without +offset. */
static void target_of(const struct hb_results *r, size_t row, char *buf, size_t len)
{
	const char *t = hb_results_str(r, row, "target");
	char *plus;

	snprintf(buf, len, "%s", *t ? t : hb_results_str(r, row, "attach_point"));
	plus = strchr(buf, '+');
	if (plus)
		*plus = '\0';
}

static bool in_list(char list[][128], size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static void kprobe_targets(FILE *f, const struct fleet_grid *g, size_t col)
{
	char seen[MAX_LIST][128], t[128];
	size_t n = 0;
	bool ran = false;

	for (size_t i = 0; i < g->r->summary.nrows; i++) {
		if (!fleet_row_in(g, i, col) || !kprobe_family(hb_results_str(g->r, i, "hook")))
			continue;
		ran = true;
		if (!hb_results_ok(g->r, i))
			continue;
		target_of(g->r, i, t, sizeof(t));
		if (*t && n < MAX_LIST && !in_list(seen, n, t))
			snprintf(seen[n++], sizeof(seen[0]), "%s", t);
	}
	for (size_t k = 0; k < n; k++)
		fprintf(f, "%s`%s`", k ? ", " : "", seen[k]);
	if (!n)
		fputs(ran ? "none: did not attach (below)" : "not run", f);
}

/* fentry: yes (on SYMBOL), no (below), or not run. */
static void fentry_cell(FILE *f, const struct fleet_grid *g, size_t col)
{
	char t[128];
	bool ran = false;

	for (size_t i = 0; i < g->r->summary.nrows; i++) {
		if (!fleet_row_in(g, i, col) || strcmp(hb_results_str(g->r, i, "hook"), "fentry"))
			continue;
		ran = true;
		if (hb_results_ok(g->r, i)) {
			target_of(g->r, i, t, sizeof(t));
			fprintf(f, "yes%s%s%s", *t ? " (`" : "", t, *t ? "`)" : "");
			return;
		}
	}
	fputs(ran ? "no (below)" : "not run", f);
}

void fleet_report_kernels(FILE *f, const struct fleet_grid *g)
{
	fputs("\n## Kernels\n\n"
	      "| | kernel | arch | host | figures | reference hook | kprobe family attached to | fentry |\n"
	      "|---|---|---|---|---|---|---|---|\n", f);
	for (size_t c = 0; c < g->ncols; c++) {
		const struct fleet_column *k = &g->col[c];

		fprintf(f, "| %s | `%s` | %s | ", k->label, k->kernel, k->arch);
		report_cell(f, k->host);
		fputs(" | ", f);
		report_cell(f, !strcmp(k->timing, "wall") ? "wall-clock ns" : k->timing);
		fprintf(f, " | %s | ", fleet_grid_reference(g, c));
		kprobe_targets(f, g, c);
		fputs(" | ", f);
		fentry_cell(f, g, c);
		fputs(" |\n", f);
	}
}

/* The reasons column col's rows did not run for, each with its hooks and modes. */
static void unsupported_of(FILE *f, const struct fleet_grid *g, size_t col)
{
	const struct hb_results *r = g->r;
	const char *const why_cols[] = { "status", "reason", NULL };
	bool any = false;

	for (size_t i = 0; i < r->summary.nrows; i++) {
		bool first_of_reason = true;
		char hooks[MAX_LIST][128], modes[MAX_LIST][128];
		size_t nh = 0, nm = 0;

		if (!fleet_row_in(g, i, col) || hb_results_ok(r, i) || hb_results_is_control(r, i))
			continue;
		for (size_t j = 0; j < i && first_of_reason; j++)
			if (fleet_row_in(g, j, col) && !hb_results_is_control(r, j) &&
			    hb_table_same(&r->summary, i, j, why_cols))
				first_of_reason = false;
		if (!first_of_reason)
			continue;
		for (size_t j = i; j < r->summary.nrows; j++) {
			const char *h = hb_results_str(r, j, "hook"), *m = hb_results_str(r, j, "mode");

			if (!fleet_row_in(g, j, col) || hb_results_is_control(r, j) ||
			    !hb_table_same(&r->summary, i, j, why_cols))
				continue;
			if (nh < MAX_LIST && !in_list(hooks, nh, h))
				snprintf(hooks[nh++], sizeof(hooks[0]), "%s", h);
			if (nm < MAX_LIST && !in_list(modes, nm, m))
				snprintf(modes[nm++], sizeof(modes[0]), "%s", m);
		}
		fprintf(f, "%s- **%s** `%s` (%s, ", any ? "" : "\n", g->col[col].label, g->col[col].kernel,
			g->col[col].arch);
		report_cell(f, g->col[col].host);
		fputs("): ", f);
		for (size_t k = 0; k < nh; k++)
			fprintf(f, "%s%s", k ? ", " : "", hooks[k]);
		fprintf(f, " %s in mode ", hb_results_str(r, i, "status"));
		for (size_t k = 0; k < nm; k++)
			fprintf(f, "%s%s", k ? ", " : "", modes[k]);
		fputs(": ", f);
		report_cell(f, *hb_results_str(r, i, "reason") ? hb_results_str(r, i, "reason") : "no reason given");
		fputc('\n', f);
		any = true;
	}
}

void fleet_report_unsupported(FILE *f, const struct fleet_grid *g)
{
	fputs("\n## What did not run, where and why\n", f);
	for (size_t c = 0; c < g->ncols; c++)
		unsupported_of(f, g, c);
	fputs("\nEvery hook not listed here ran on every kernel it was asked for.\n", f);
}

void fleet_report_sources(FILE *f, const struct fleet_grid *g)
{
	struct json_object *failed = hb_jget(g->r->meta, "fleet.failed");
	size_t nfailed = json_object_is_type(failed, json_type_array) ? json_object_array_length(failed) : 0;

	fprintf(f, "\n## Sources\n\nMerged by `%s` (%s); each row's `source` column in summary.csv "
		"is the number of its entry in meta.json's `fleet.sources`, which holds that source's own "
		"meta.json.\n\n| | source | path | kind | schema | measured | command |\n"
		"|---|---|---|---|---|---|---|\n",
		hb_jstr(g->r->meta, "command_line", "hookbench merge"), hb_jstr(g->r->meta, "date", "?"));
	for (size_t c = 0; c < g->ncols; c++) {
		struct json_object *s = json_object_array_get_idx(hb_jget(g->r->meta, "fleet.sources"),
								  (size_t)(g->col[c].source - 1));

		fprintf(f, "| %s | %lld | `", g->col[c].label, g->col[c].source);
		report_cell(f, g->col[c].path);
		fprintf(f, "` | %s | %g | %s | `", g->col[c].kind, hb_jnum(s, "schema_version", 0),
			hb_jstr(s, "meta.date", "?"));
		report_cell(f, hb_jstr(s, "meta.vm.command_line", hb_jstr(s, "meta.command_line", "?")));
		fputs("` |\n", f);
	}
	for (size_t i = 0; i < nfailed; i++) {
		struct json_object *e = json_object_array_get_idx(failed, i);

		fputs("\n- Failed, no results: `", f);
		report_cell(f, hb_jstr(e, "path", "?"));
		fputs("`: ", f);
		report_cell(f, hb_jstr(e, "error", "?"));
		fputc('\n', f);
	}
}
