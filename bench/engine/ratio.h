/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A hook's cost as a multiple of the reference hook's, measured in the same
 * rounds: machine-wide drift that scales both cancels in the ratio, which an
 * absolute figure cannot offer from one run to the next.
 */
#ifndef HB_RATIO_H
#define HB_RATIO_H

#include <stdbool.h>
#include <stddef.h>

#include "between_run.h"
#include "matrix.h"
#include "stats.h"
#include "replicates.h"

struct hb_ratio {
	bool known;                      /* a ratio to report */
	bool is_reference;               /* the reference's own cell: 1 by definition, no interval */
	bool reference_not_above_zero;   /* the reference's 95% CI reaches 0 or below: no scale
					  * to divide by, so no ratio */
	double median;                   /* median visit difference / the reference's, over
					  * the rounds both have (hb_ratio_by_replicate()) */
	struct hb_replicates replicates; /* the replicates' median ratios */
	struct hb_between_run between;   /* where another run's ratio lands (figures.c fills it) */
};

/*
 * Ratio of cell c to m->reference's cell with its payload, mode and threads,
 * from the visit differences visit_diff[i] of each cell m->cells[i] (NAN
 * where a round is left out); ref_ci: the reference cell's 95% CI. Not
 * known for the control cell, without such a reference cell, or when ref_ci
 * is not above 0. Returns 0, or -ENOMEM.
 */
int hb_ratio_of_cell(const struct hb_matrix *m, const struct hb_cell *c,
		     const double *const *visit_diff, const struct hb_ci *ref_ci, size_t k,
		     struct hb_ratio *out);

/* The reference's cell for c (NULL: none); c's own when c is the reference's. */
const struct hb_cell *hb_ratio_reference_cell(const struct hb_matrix *m, const struct hb_cell *c);

#endif
