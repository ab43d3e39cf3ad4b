/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * states.csv: per cell, each speed state its mode x threads went through
 * (the state's baseline level, range and share of the run, repeated for
 * every cell), the cell's overhead from the visits whose first baseline
 * block fell in that state, and headline: 1 for the state summary.csv's
 * figures come from, else 0. The overhead is summary.csv's estimator (the
 * median visit difference, hb_median_ci()'s interval) on the same visits
 * (hb_speed_visit_in()), so the headline row repeats summary.csv's figure.
 */
#ifndef HB_STATES_CSV_H
#define HB_STATES_CSV_H

#include <stdio.h>

#include "matrix.h"
#include "speed_states.h"

/* Header and one row per cell with pairs per state. Returns 0, -ENOMEM or -EIO. */
int hb_states_csv_write(FILE *f, const struct hb_matrix *m, const struct hb_speed *s,
			double conf, const char *unit);

#endif
