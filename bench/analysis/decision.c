// SPDX-License-Identifier: GPL-2.0-only
/* The hook to use at a share of unlinkat(), ties kept together, and where that flips. */
#include "decision.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "hooks.h"

static double low_of(struct hb_estimate e)
{
	return isnan(e.low) ? e.est : e.low;
}

static double high_of(struct hb_estimate e)
{
	return isnan(e.high) ? e.est : e.high;
}

bool hb_overlap(struct hb_estimate a, struct hb_estimate b)
{
	return low_of(a) <= high_of(b) && low_of(b) <= high_of(a);
}

enum hb_flip_bucket hb_flip_bucket_of(double s)
{
	return s < 0.01 ? HB_FLIP_UNDER_1 : s < 0.1 ? HB_FLIP_1_TO_10 : s < 0.5 ? HB_FLIP_10_TO_50 : HB_FLIP_OVER_50;
}

/* A run without `other` rows decides per unlinkat() alone. */
static bool usable(const struct hb_breakeven *be, size_t k)
{
	return be->hook[k].status == HB_BE_MEASURED || (be->hook[k].status == HB_BE_NO_OTHER && !be->any_other);
}

static struct hb_estimate total(const struct hb_be_hook *h, double s)
{
	return h->status == HB_BE_MEASURED ? hb_breakeven_total(h->unlinkat, h->other, s) : h->unlinkat;
}

static size_t table_pos(const char *hook)
{
	const struct hb_hook *h = hb_hook_find(hook);

	return h ? (size_t)(h - hb_hooks) : hb_nhooks;
}

/* Names in a tie are listed in the hook table's order, so noise cannot reorder them. */
static void table_order(const struct hb_breakeven *be, size_t *idx, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && table_pos(be->hook[idx[j]].hook) < table_pos(be->hook[idx[j - 1]].hook); j--) {
			size_t t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
}

/* The cheapest usable hook at s outside skip, and every one whose interval overlaps it: into out. */
static size_t tie_at(const struct hb_breakeven *be, double s, const bool *skip, size_t *out, long *best)
{
	size_t n = 0;

	*best = -1;
	for (size_t k = 0; k < be->n; k++)
		if (usable(be, k) && !skip[k] && (*best < 0 || total(&be->hook[k], s).est < total(&be->hook[*best], s).est))
			*best = (long)k;
	if (*best < 0)
		return 0;
	for (size_t k = 0; k < be->n; k++)
		if (usable(be, k) && !skip[k] && hb_overlap(total(&be->hook[k], s), total(&be->hook[*best], s)))
			out[n++] = k;
	table_order(be, out, n);
	return n;
}

int hb_decide(const struct hb_breakeven *be, double share, struct hb_decision *d)
{
	bool none[HB_BE_MAX_HOOKS] = { false }, in_pick[HB_BE_MAX_HOOKS] = { false };
	const struct hb_be_hook *b;
	long best, nearest = -1;

	memset(d, 0, sizeof(*d));
	d->share = share;
	d->npick = tie_at(be, share, none, d->pick, &best);
	if (best < 0)
		return -ENOENT;
	d->best = (size_t)best;
	for (size_t i = 0; i < d->npick; i++)
		in_pick[d->pick[i]] = true;
	b = &be->hook[best];
	for (size_t k = 0; k < be->n && b->status == HB_BE_MEASURED; k++) {
		struct hb_crossing c;

		if (in_pick[k] || be->hook[k].status != HB_BE_MEASURED)
			continue;
		c = hb_breakeven_cross(b->unlinkat, b->other, be->hook[k].unlinkat, be->hook[k].other);
		if (c.crosses && (nearest < 0 || fabs(c.share - share) < fabs(d->flip.share - share))) {
			nearest = (long)k;
			d->flip = c;
		}
	}
	if (nearest < 0)
		return 0; /* HB_FLIP_NONE */
	d->crosser = (size_t)nearest;
	d->up = d->flip.share > share;
	d->bucket = hb_flip_bucket_of(d->flip.share);
	d->nalt = tie_at(be, d->up ? 1 : 0, in_pick, d->alt, &best);
	return 0;
}
