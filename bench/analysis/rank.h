/* SPDX-License-Identifier: GPL-2.0-only */
/* Putting hooks (or rows) in order of cost: the cheapest measured one first. */
#ifndef HB_RANK_H
#define HB_RANK_H

#include <stdbool.h>
#include <stddef.h>

struct hb_ranked {
	size_t pos;  /* where it stood before: a row, or an index into a list */
	bool ok;     /* measured; the others go last */
	double est;  /* its added cost */
};

/*
 * Sort v: the ok ones by estimate, cheapest first, then the rest; equal
 * ones keep the order of pos.
 */
void hb_rank(struct hb_ranked *v, size_t n);

#endif
