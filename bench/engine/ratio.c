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

int hb_ratio_of_cell(const struct hb_matrix *m, const struct hb_cell *c,
		     const double *const *visit_diff, size_t k, double conf, bool independent,
		     struct hb_ratio *out)
{
	const double *mine = visit_diff[c - m->cells];
	const struct hb_cell *ref;
	struct hb_replicates rep;
	int err;

	*out = (struct hb_ratio){ .median = NAN, .between_low = NAN, .between_high = NAN };
	if (c->control || !m->reference || !has_visits(mine, m->nrounds))
		return 0;
	ref = hb_matrix_find(m, m->reference, c->payload, c);
	if (!ref || !has_visits(visit_diff[ref - m->cells], m->nrounds))
		return 0;
	if (ref == c) {
		*out = (struct hb_ratio){ .known = true, .median = 1, .between_low = 1,
					  .between_high = 1 };
		return 0;
	}
	err = hb_ratio_by_replicate(mine, visit_diff[ref - m->cells], m->nrounds, k, conf,
				    &out->median, &rep);
	if (err)
		return err == -ENOMEM ? err : 0;
	out->known = isfinite(out->median);
	if (independent)
		hb_replicates_independent(&rep, conf, out->median);
	if (rep.valid) {
		out->between_low = rep.between_low;
		out->between_high = rep.between_high;
	}
	return 0;
}
