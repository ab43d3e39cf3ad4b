/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The charts of a results directory, drawn by the gnuplot scripts in
 * scripts/plot/ from small data files written into DIR/charts/ next to them.
 */
#ifndef HB_PLOT_H
#define HB_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"

/* Draw r's charts into r->dir/charts/ (see hookbench plot --help). 0 or -errno with why. */
int hb_plot(const struct hb_results *r, char *why, size_t len);

/* True when r->dir/charts/ has no break-even chart or one that marks r->share. */
bool hb_plot_breakeven_marks(const struct hb_results *r);

/* True when r->dir/charts/ already holds the charts. */
bool hb_plot_drawn(const struct hb_results *r);

#endif
