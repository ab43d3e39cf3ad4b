/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A cell's overhead from its visits. Each visit's difference (the mean of
 * its two pairs) is one observation: the two pairs of a visit share one
 * attach and lie a block apart, so they are not independent of each other
 * in the way visits, a whole round apart, are closer to being.
 */
#ifndef HB_OVERHEAD_H
#define HB_OVERHEAD_H

#include <stdbool.h>
#include <stddef.h>

#include "matrix.h"
#include "between_run.h"
#include "replicates.h"
#include "stats.h"

struct hb_overhead {
	size_t visits;                   /* rounds with a visit difference */
	double median;                   /* their median, ns per event; NAN without any */
	struct hb_ci ci;                 /* sign-test interval for it, visits as the unit */
	struct hb_replicates replicates; /* the replicates' median visit differences */
	struct hb_between_run between;   /* where another run lands (figures.c fills it) */
};

/*
 * The overhead from a cell's nrounds visit differences visit_diff[] (NAN: no visit
 * that round, or one left out of the headline), with the visits split into k
 * contiguous replicates. between is left not valid. Returns 0, or -ENOMEM.
 */
int hb_overhead_of_visits(const double *visit_diff, size_t nrounds, size_t k, double conf,
			  struct hb_overhead *out);

/* The finite values of v[0..n) into out (room for n). Returns how many. */
size_t hb_finite_values(const double *v, size_t n, double *out);

#endif
