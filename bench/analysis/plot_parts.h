/* SPDX-License-Identifier: GPL-2.0-only */
/* What the chart writers share: the rows a chart shows and how gnuplot is run. */
#ifndef HB_PLOT_PARTS_H
#define HB_PLOT_PARTS_H

#include <limits.h>
#include <stdio.h>

#include "results.h"

#define PLOT_MAX_NAMES 64

/* The distinct values of a column, in the order the rows first give them. */
struct plot_names {
	const char *v[PLOT_MAX_NAMES];
	size_t n;
};

struct plot_ctx {
	const struct hb_results *r;
	char charts[PATH_MAX + 16];
	char scripts[PATH_MAX];
	char title[512];
	char subtitle[256];
	const char *mode;        /* the rows the bar charts show */
	const char *threads;
	const char *ref_payload; /* the payload hooks are sorted by */
	struct plot_names hooks; /* measured ones cheapest first, at ref_payload */
	char sorted_by[96];      /* what hooks are sorted by, for the axis label */
	struct plot_names payloads;
	struct plot_names thread_counts;
	int log_fd;              /* charts/gnuplot.log, for gnuplot's warnings */
};

/*
 * Run chart's script (scripts/plot/CHART.gp) on charts/CHART.dat with the
 * title, a note under the chart and extra gnuplot statements (may be NULL).
 * Returns 0, -ENOENT without gnuplot, -EIO when it fails, or -errno.
 */
int plot_gnuplot(const struct plot_ctx *p, const char *chart, const char *extra, const char *note);

/* The same with another script drawing chart: scripts/plot/SCRIPT.gp. */
int plot_gnuplot_script(const struct plot_ctx *p, const char *script, const char *chart,
			const char *extra, const char *note);

/* charts/CHART.dat, opened for writing; NULL with errno. */
FILE *plot_open_dat(const struct plot_ctx *p, const char *chart);

/* A label for a data file: double-quoted, without quotes or line breaks inside. */
void plot_dat_label(FILE *f, const char *s);

/* " %.3f", or " ?" (gnuplot's missing value) for NAN. */
void plot_dat_num(FILE *f, double v);

/* The row of hook at payload among those the bar charts show, or -1. */
long plot_bar_row(const struct plot_ctx *p, const char *hook, const char *payload);

/* That row's added cost. */
struct hb_estimate plot_bar(const struct plot_ctx *p, const char *hook, const char *payload);

/* Write the data files and draw every chart that has something to show. 0 or -errno. */
int plot_charts(const struct plot_ctx *p);

/* The breakdown chart: the paired parts when the run has them, else bpf_stats against the rest. */
int plot_breakdown(const struct plot_ctx *p);

/* The blocks of the first measured row of the reference payload, with its speed states. */
int plot_blocks(const struct plot_ctx *p);

/* The break-even chart: added cost per 1000 syscalls against unlinkat's share, when the run has `other` rows. */
int plot_breakeven(const struct plot_ctx *p);

#endif
