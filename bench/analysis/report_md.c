// SPDX-License-Identifier: GPL-2.0-only
#include "report_md.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "breakdown.h"
#include "json_read.h"
#include "report_parts.h"
#include "run_states.h"

void report_cell(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '|' ? '/' : *s == '\n' ? ' ' : *s, f);
}

void report_by_reason(FILE *f, const char *lead, const char *const *name, const char *const *reason,
		      size_t n)
{
	bool done[REPORT_MAX_ROWS] = { false };

	n = n < REPORT_MAX_ROWS ? n : REPORT_MAX_ROWS;
	for (size_t k = 0; k < n; k++) {
		if (done[k])
			continue;
		fputs(k ? "; " : lead, f);
		for (size_t j = k, first = 1; j < n; j++) {
			if (done[j] || strcmp(reason[j], reason[k]))
				continue;
			fprintf(f, "%s`%s`", first ? "" : ", ", name[j]);
			done[j] = true;
			first = 0;
		}
		fputs(" (", f);
		report_cell(f, reason[k]);
		fputc(')', f);
	}
	if (n)
		fputs(".\n", f);
}

static const struct { const char *name, *caption; } chart_list[] = {
	{ "overhead", "Added ns per call, per hook and payload, 95% CI" },
	{ "breakdown", "In-program cost against dispatch cost" },
	{ "blocks", "Every block in run order: baseline against hooked" },
	{ "threads", "Added cost against workload threads" },
	{ "missed", "Events missed or dropped" },
};

/* Runs with the newer figures get the charts drawn from them, captioned so. */
static const char *chart_caption(const struct report *rp, size_t i)
{
	if (!strcmp(chart_list[i].name, "breakdown") && hb_breakdown_available(rp->r))
		return "Added cost split into dispatch and body, in-program time beyond the empty program beside";
	if (!strcmp(chart_list[i].name, "overhead") && strcmp(hb_results_unit(rp->r), "ns"))
		return "Added guest instructions per call, per hook and payload, 95% CI";
	if (!strcmp(chart_list[i].name, "blocks") && hb_run_speed_states(rp->r) > 1)
		return "Every block in run order: baseline against hooked, each speed state's baseline level shaded";
	return chart_list[i].caption;
}

static void charts(const struct report *rp)
{
	char path[PATH_MAX + 64];
	bool any = false;

	for (size_t i = 0; i < sizeof(chart_list) / sizeof(chart_list[0]); i++) {
		snprintf(path, sizeof(path), "%s/charts/%s.png", rp->r->dir, chart_list[i].name);
		if (access(path, R_OK))
			continue;
		if (!any)
			fputs("\n## Charts\n\n", rp->f);
		any = true;
		fprintf(rp->f, "![%s](charts/%s.png)\n\n", chart_caption(rp, i), chart_list[i].name);
	}
}

static void write_sections(const struct report *rp)
{
	struct json_object *m = rp->r->meta;

	fprintf(rp->f, "# What hooking `unlinkat()` costs — Linux %s, %s\n\n",
		hb_jstr(m, "kernel.release", "?"), hb_jstr(m, "cpu.model", "?"));
	report_decision(rp);
	fputs("\n## Appendix\n\nEverything behind the decision: every payload and mode, where the added "
	      "cost goes, break-even in full, what each hook sees, the other charts, the emulated kernel, "
	      "the cross-check, caveats, the environment and how to reproduce the run.\n", rp->f);
	report_verdicts(rp);
	report_cost_legend(rp);
	report_breakdown(rp);
	report_breakeven(rp);
	report_coverage(rp);
	charts(rp);
	report_vm(rp);
	report_cross_check(rp);
	report_caveats(rp);
	report_environment(rp);
}

int hb_report_write(const struct hb_results *r, char *path, size_t len)
{
	struct report rp = { .r = r };
	int err = 0;

	snprintf(path, len, "%s/report.md", r->dir);
	rp.f = fopen(path, "we");
	if (!rp.f)
		return -errno;
	write_sections(&rp);
	if (ferror(rp.f))
		err = -EIO;
	if (fclose(rp.f) && !err)
		err = -errno;
	return err;
}
