// SPDX-License-Identifier: GPL-2.0-only
/* Each hook's cost per unlinkat() and per other syscall, read from summary.csv. */
#include "breakeven.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "schema.h"

/* The fewest workload threads among payload's enoent rows ("1" when none). */
static const char *fewest_threads(const struct hb_results *r, const char *payload)
{
	const struct hb_match m[] = { { "payload", payload }, { "mode", "enoent" }, { NULL, NULL } };
	const char *fewest = "1";
	bool any = false;

	for (long i = hb_table_find(&r->summary, 0, m); i >= 0;
	     i = hb_table_find(&r->summary, (size_t)i + 1, m)) {
		const char *t = hb_results_str(r, (size_t)i, "threads");

		if (!hb_results_is_control(r, (size_t)i) && (!any || atoi(t) < atoi(fewest))) {
			fewest = t;
			any = true;
		}
	}
	return fewest;
}

long hb_breakeven_row(const struct hb_results *r, const struct hb_breakeven *be, const char *hook,
		      const char *mode)
{
	const struct hb_match m[] = { { "hook", hook }, { "payload", be->payload }, { "mode", mode },
				      { "threads", be->threads }, { NULL, NULL } };
	const struct hb_match own[] = { { "hook", hook }, { "payload", HB_OBJECT_PAYLOAD },
					{ "mode", mode }, { "threads", be->threads }, { NULL, NULL } };
	long row = hb_results_find(r, m);

	return row >= 0 ? row : hb_results_find(r, own);
}

/* A row's cost with the between-run interval where it has one, else the within-run one. */
static struct hb_estimate cost(const struct hb_results *r, long row, bool *between)
{
	struct hb_estimate e = hb_results_between_runs(r, row);

	*between = e.ok;
	return e.ok ? e : hb_results_estimate(r, row);
}

static bool unsupported(const struct hb_results *r, long row)
{
	return row >= 0 && !strcmp(hb_results_str(r, (size_t)row, "status"), "unsupported");
}

/* O: the row of mode other, or other_remote when that one is measured and costs more. */
static void other_cost(const struct hb_results *r, const struct hb_breakeven *be, struct hb_be_hook *h)
{
	long local = hb_breakeven_row(r, be, h->hook, "other"), remote = hb_breakeven_row(r, be, h->hook, "other_remote");
	bool local_between, remote_between;
	struct hb_estimate lo = cost(r, local, &local_between), re = cost(r, remote, &remote_between);

	if (!lo.ok && !re.ok) {
		long bad = unsupported(r, local) ? local : unsupported(r, remote) ? remote : -1;

		h->status = bad >= 0 ? HB_BE_UNSUPPORTED : HB_BE_NO_OTHER;
		h->reason = bad >= 0 ? hb_results_str(r, (size_t)bad, "reason") : "";
		return;
	}
	h->status = HB_BE_MEASURED;
	h->remote_worse = lo.ok && re.ok && re.est > lo.est;
	h->other = !lo.ok || h->remote_worse ? re : lo;
	h->other_mode = !lo.ok || h->remote_worse ? "other_remote" : "other";
	h->between_runs = h->between_runs && (!lo.ok || h->remote_worse ? remote_between : local_between);
}

static void read_hook(const struct hb_results *r, const struct hb_breakeven *be, size_t row,
		      struct hb_be_hook *h)
{
	memset(h, 0, sizeof(*h));
	h->hook = hb_results_str(r, row, "hook");
	h->other = (struct hb_estimate){ .ok = false, .est = NAN, .low = NAN, .high = NAN };
	h->other_mode = "";
	h->reason = hb_results_str(r, row, "reason");
	h->unlinkat = cost(r, (long)row, &h->between_runs);
	h->rank = hb_results_ratio(r, (long)row).est;
	if (h->unlinkat.ok && hb_results_num(r, row, "events_expected") == 0) {
		/* A hook below the lookup (lsm, vfs_unlink) never runs on a missing name: nothing to compare. */
		h->status = HB_BE_NOT_FIRED;
		h->unlinkat.ok = false;
		h->reason = "it fires only when a name is removed; mode `create` or `churn` measures it";
	} else if (h->unlinkat.ok) {
		other_cost(r, be, h);
	} else {
		h->status = unsupported(r, (long)row) ? HB_BE_UNSUPPORTED : HB_BE_FAILED;
	}
}

/* Measured per unlinkat first, by ratio when the run has ratios (as the verdict tables), else by E. */
static void rank_hooks(struct hb_breakeven *be)
{
	struct hb_ranked ranked[HB_BE_MAX_HOOKS];
	struct hb_be_hook hooks[HB_BE_MAX_HOOKS];

	for (size_t k = 0; k < be->n; k++)
		be->by_ratio |= be->hook[k].unlinkat.ok && !isnan(be->hook[k].rank);
	for (size_t k = 0; k < be->n; k++) {
		struct hb_be_hook *h = &be->hook[k];

		if (!be->by_ratio)
			h->rank = h->unlinkat.est;
		ranked[k] = (struct hb_ranked){ .pos = k, .ok = h->unlinkat.ok, .est = h->rank };
		hooks[k] = *h;
	}
	hb_rank(ranked, be->n);
	for (size_t k = 0; k < be->n; k++)
		be->hook[k] = hooks[ranked[k].pos];
}

void hb_breakeven_collect(const struct hb_results *r, const char *payload, struct hb_breakeven *be)
{
	const struct hb_csv_table *t = &r->summary;

	memset(be, 0, sizeof(*be));
	be->payload = payload;
	be->threads = fewest_threads(r, payload);
	for (size_t i = 0; i < t->nrows; i++) {
		const char *mode = hb_results_str(r, i, "mode");

		be->any_other |= !strcmp(mode, "other") || !strcmp(mode, "other_remote");
	}
	for (size_t i = 0; i < t->nrows && be->n < HB_BE_MAX_HOOKS; i++) {
		const struct hb_match m[] = { { "mode", "enoent" }, { "threads", be->threads },
					      { NULL, NULL } };
		const char *p = hb_results_str(r, i, "payload");

		if (hb_results_is_control(r, i) || !hb_table_matches(t, i, m) ||
		    (strcmp(p, payload) && strcmp(p, HB_OBJECT_PAYLOAD)))
			continue;
		if (hb_breakeven_find(be, hb_results_str(r, i, "hook")) >= 0)
			continue;
		read_hook(r, be, i, &be->hook[be->n++]);
	}
	rank_hooks(be);
}

long hb_breakeven_find(const struct hb_breakeven *be, const char *hook)
{
	for (size_t k = 0; k < be->n; k++)
		if (!strcmp(be->hook[k].hook, hook))
			return (long)k;
	return -1;
}

long hb_breakeven_cheapest(const struct hb_breakeven *be)
{
	long best = -1;

	for (size_t k = 0; k < be->n; k++)
		if (be->hook[k].status == HB_BE_MEASURED &&
		    (best < 0 || be->hook[k].unlinkat.est < be->hook[best].unlinkat.est))
			best = (long)k;
	return best;
}

long hb_breakeven_least_collateral(const struct hb_breakeven *be)
{
	long best = -1;

	for (size_t k = 0; k < be->n; k++)
		if (be->hook[k].status == HB_BE_MEASURED &&
		    (best < 0 || be->hook[k].other.est < be->hook[best].other.est))
			best = (long)k;
	return best;
}
