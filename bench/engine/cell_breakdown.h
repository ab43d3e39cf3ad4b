/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A cell's overhead split in two with the same hook's `empty` cell of the
 * same run: dispatch (what reaching an empty program costs) and body (what
 * this payload adds to that), paired by round so drift cancels.
 */
#ifndef HB_CELL_BREAKDOWN_H
#define HB_CELL_BREAKDOWN_H

#include "matrix.h"
#include "overhead.h"

struct hb_cell_breakdown {
	double dispatch_ns; /* the empty cell's overhead; NAN when empty was not measured */
	double body_ns;     /* median over rounds of (this visit difference - the empty
			     * cell's in the same round); 0 for the empty cell itself */
};

/*
 * The cell whose overhead is c's dispatch: c itself when its payload is
 * empty, else the same hook's empty cell with c's mode and threads. NULL
 * for the control cell and when the run has no such cell.
 */
const struct hb_cell *hb_cell_breakdown_partner(const struct hb_matrix *m, const struct hb_cell *c);

/*
 * A cell's breakdown from its visit differences visit_diff[0..nrounds)
 * against those of its partner (hb_cell_breakdown_partner(); NULL: both NAN),
 * whose overhead is empty_overhead; partner == visit_diff for the empty
 * cell itself. Returns 0, or -ENOMEM.
 */
int hb_cell_breakdown_of(const double *visit_diff, const double *partner,
			 const struct hb_overhead *empty_overhead, size_t nrounds,
			 struct hb_cell_breakdown *out);

#endif
