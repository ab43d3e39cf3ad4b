// SPDX-License-Identifier: GPL-2.0-only
/* Writing the data files the chart scripts read, and finding the rows a bar chart shows. */
#include <math.h>

#include "plot_parts.h"

FILE *plot_open_dat(const struct plot_ctx *p, const char *chart)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s.dat", p->charts, chart);
	return fopen(path, "we");
}

void plot_dat_label(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' || *s == '\n' ? '\'' : *s, f);
	fputc('"', f);
}

void plot_dat_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(" ?", f);
	else
		fprintf(f, " %.3f", v);
}

long plot_bar_row(const struct plot_ctx *p, const char *hook, const char *payload)
{
	const struct hb_match m[] = { { "hook", hook }, { "payload", payload }, { "mode", p->mode },
				      { "threads", p->threads }, { NULL, NULL } };

	return hb_results_find(p->r, m);
}

struct hb_estimate plot_bar(const struct plot_ctx *p, const char *hook, const char *payload)
{
	return hb_results_estimate(p->r, plot_bar_row(p, hook, payload));
}
