/* SPDX-License-Identifier: GPL-2.0-only */
/* From measured cells to summary.csv rows, summary.json and the table on stdout. */
#ifndef HB_SUMMARY_H
#define HB_SUMMARY_H

#include <stdio.h>

#include "figures.h"
#include "matrix.h"
#include "run_opts.h"
#include "schema.h"

/* Write the header and one row per cell. Returns 0 or -EIO. */
int hb_summary_write_csv(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs,
			 const struct run_opts *o, const char *timing);

/* summary.json: the same rows, typed (common/summary_json.h). Returns 0 or -EIO. */
int hb_summary_write_json(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs,
			  const struct run_opts *o, const char *timing);

/* How many rows say mismatch, error or contaminated. */
size_t hb_summary_failed_rows(const struct hb_matrix *m, const struct hb_figures *figs);

/* A fixed-width table for people. */
void hb_summary_print(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs);

#endif
