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

/* Write the data files and draw every chart that has something to show. 0 or -errno. */
int plot_charts(const struct plot_ctx *p);

#endif
