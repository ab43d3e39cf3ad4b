// SPDX-License-Identifier: GPL-2.0-only
#include "cell_breakdown.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"

/* Median over the rounds where both have a visit of a's difference minus b's. */
static int median_round_difference(const double *a, const double *b, size_t nrounds, double *out)
{
	double *d = malloc((nrounds ? nrounds : 1) * sizeof(*d));
	size_t n = 0;

	if (!d)
		return -ENOMEM;
	for (size_t r = 0; r < nrounds; r++)
		if (isfinite(a[r]) && isfinite(b[r]))
			d[n++] = a[r] - b[r];
	*out = hb_median(d, n);
	free(d);
	return 0;
}

const struct hb_cell *hb_cell_breakdown_partner(const struct hb_matrix *m, const struct hb_cell *c)
{
	if (c->control)
		return NULL;
	return c->payload == HB_PAYLOAD_EMPTY ? c : hb_matrix_find(m, c->hook, HB_PAYLOAD_EMPTY, c);
}

int hb_cell_breakdown_of(const double *visit_diff, const double *partner,
			 const struct hb_overhead *empty_overhead, size_t nrounds,
			 struct hb_cell_breakdown *out)
{
	out->dispatch_ns = out->body_ns = NAN;
	if (!partner || empty_overhead->visits == 0)
		return 0;
	out->dispatch_ns = empty_overhead->median;
	if (partner == visit_diff) {
		out->body_ns = 0;
		return 0;
	}
	return median_round_difference(visit_diff, partner, nrounds, &out->body_ns);
}
