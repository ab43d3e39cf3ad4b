// SPDX-License-Identifier: GPL-2.0-only
#include "crosscheck_states.h"

#include <math.h>

#include "crosscheck_rule.h"

void hb_state_levels_of(const struct hb_results *r, long row, struct hb_state_levels *s)
{
	size_t idx[HB_RUN_MAX_STATES];

	*s = (struct hb_state_levels){ .n = 0, .headline = 0, .baseline = NAN };
	if (row < 0)
		return;
	s->n = hb_states_of(r, (size_t)row, idx, HB_RUN_MAX_STATES);
	s->headline = s->n;
	for (size_t k = 0; k < s->n; k++) {
		s->level[k] = hb_state_num(r, idx[k], "baseline_ns_per_op");
		if (hb_state_num(r, idx[k], "headline") == 1)
			s->headline = k;
	}
	s->baseline = s->headline < s->n ? s->level[s->headline] :
					   hb_results_num(r, (size_t)row, "baseline_ns_per_op");
}

size_t hb_state_nearest(const struct hb_state_levels *s, double ns)
{
	size_t best = 0;

	for (size_t k = 1; k < s->n; k++)
		if (fabs(log(ns / s->level[k])) < fabs(log(ns / s->level[best])))
			best = k;
	return best;
}

/* Several states, one of them the headline: the rounds are sorted among them. */
static bool has_states(const struct hb_state_levels *s)
{
	return s->n > 1 && s->headline < s->n;
}

bool hb_state_kept(const struct hb_state_levels *s, double ns)
{
	if (has_states(s) && hb_state_nearest(s, ns) != s->headline)
		return false;
	return isnan(s->baseline) || fabs(ns / s->baseline - 1) <= HB_CROSSCHECK_BARE_DRIFT;
}

bool hb_state_slower(const struct hb_state_levels *s, double ns)
{
	return !hb_state_kept(s, ns) && ns > s->baseline;
}
