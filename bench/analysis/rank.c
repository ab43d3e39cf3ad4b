// SPDX-License-Identifier: GPL-2.0-only
#include "rank.h"

#include <math.h>
#include <stdlib.h>

static int by_cost(const void *a, const void *b)
{
	const struct hb_ranked *x = a, *y = b;

	if (x->ok != y->ok)
		return x->ok ? -1 : 1;
	/* An ok row without an estimate sorts after those with one. */
	if (x->ok && isnan(x->est) != isnan(y->est))
		return isnan(x->est) ? 1 : -1;
	if (x->ok && !isnan(x->est) && x->est != y->est)
		return x->est < y->est ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

void hb_rank(struct hb_ranked *v, size_t n)
{
	qsort(v, n, sizeof(*v), by_cost);
}
