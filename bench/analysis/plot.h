/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HB_PLOT_H
#define HB_PLOT_H

#include <stddef.h>

#include "results.h"

/* Draw r's charts into r->dir/charts/ (see hookbench plot --help). 0 or -errno with why. */
int hb_plot(const struct hb_results *r, char *why, size_t len);

#endif
