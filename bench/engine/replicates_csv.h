/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * replicates.csv: the K replicate estimates behind each between-run
 * interval, in time order, so the interval can be recomputed from them
 * (common/between_run.h): one row per cell, figure (overhead or ratio) and
 * replicate.
 */
#ifndef HB_REPLICATES_CSV_H
#define HB_REPLICATES_CSV_H

#include <stdio.h>

#include "figures.h"
#include "matrix.h"

/* Header and the rows. Returns 0 or -EIO. */
int hb_replicates_csv_write(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs,
			    const char *unit);

#endif
