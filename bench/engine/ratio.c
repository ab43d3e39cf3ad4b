// SPDX-License-Identifier: GPL-2.0-only
#include "ratio.h"

#include <errno.h>
#include <math.h>

static bool has_visits(const double *visit_diff, size_t nrounds)
{
	for (size_t r = 0; r < nrounds; r++)
		if (isfinite(visit_diff[r]))
			return true;
	return false;
}

const struct hb_cell *hb_ratio_reference_cell(const struct hb_matrix *m, const struct hb_cell *c)
{
	if (c->control || !m->reference)
		return NULL;
	return hb_matrix_find(m, m->reference, c->payload, c);
}

int hb_ratio_of_cell(const struct hb_matrix *m, const struct hb_cell *c,
		     const double *const *visit_diff, const struct hb_ci *ref_ci, size_t k,
		     struct hb_ratio *out)
{
	const double *mine = visit_diff[c - m->cells];
	const struct hb_cell *ref = hb_ratio_reference_cell(m, c);
	int err;

	*out = (struct hb_ratio){ .median = NAN };
	hb_between_run_none(&out->between);
	hb_replicates_of(NULL, 0, &out->replicates);
	if (!ref || !has_visits(mine, m->nrounds) || !has_visits(visit_diff[ref - m->cells], m->nrounds))
		return 0;
	if (ref == c) {
		out->known = out->is_reference = true;
		out->median = 1;
		return 0;
	}
	if (!ref_ci || !ref_ci->valid || !(ref_ci->low > 0)) {
		out->reference_not_above_zero = true;
		return 0;
	}
	err = hb_ratio_by_replicate(mine, visit_diff[ref - m->cells], m->nrounds, k, &out->median,
				    &out->replicates);
	if (err)
		return err == -ENOMEM ? err : 0;
	out->known = isfinite(out->median);
	return 0;
}
