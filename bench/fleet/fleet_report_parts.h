/* SPDX-License-Identifier: GPL-2.0-only */
/* The sections of the fleet page, and what they share. */
#ifndef HB_FLEET_REPORT_PARTS_H
#define HB_FLEET_REPORT_PARTS_H

#include <stdio.h>

#include "fleet_grid.h"

/* True when row belongs to column col of g. */
bool fleet_row_in(const struct fleet_grid *g, size_t row, size_t col);

/* The kernels: one line per column with the symbol its kprobe family attached to and whether fentry did. */
void fleet_report_kernels(FILE *f, const struct fleet_grid *g);

/* The hooks that did not run, per kernel, grouped by the reason given. */
void fleet_report_unsupported(FILE *f, const struct fleet_grid *g);

/* Each source's path, kind, schema version, date and command line; the kernels that failed. */
void fleet_report_sources(FILE *f, const struct fleet_grid *g);

#endif
