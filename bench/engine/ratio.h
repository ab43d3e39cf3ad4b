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

#include "matrix.h"
#include "replicates.h"

struct hb_ratio {
	bool known;                     /* a reference cell with visits to compare with */
	double median;                  /* median over rounds of visit difference / the
					 * reference's in that round (rounds where the
					 * reference's is <= 0 skipped) */
	double between_low, between_high; /* where another run's ratio should land; NAN
					   * unless the replicates give an interval */
};

/*
 * Ratio of cell c to m->reference's cell with its payload, mode and threads,
 * from the visit differences visit_diff[i] of each cell m->cells[i] (NAN
 * where a round is left out); the reference's own cell is 1 [1, 1]. Not
 * known for the control cell, or when there is no such reference cell.
 * independent: as for hb_overhead_of_visits(). Returns 0, or -ENOMEM.
 */
int hb_ratio_of_cell(const struct hb_matrix *m, const struct hb_cell *c,
		     const double *const *visit_diff, size_t k, double conf, bool independent,
		     struct hb_ratio *out);

#endif
