// SPDX-License-Identifier: GPL-2.0-only
/* The rows a verdict table shows, in the order it shows them. */
#include <math.h>
#include <string.h>

#include "rank.h"
#include "report_parts.h"

const char *const report_group_columns[] = { "payload", "mode", "threads", NULL };

static bool has_ratio(const struct report *rp, size_t row)
{
	return hb_results_ratio(rp->r, (long)row).ok;
}

void report_collect_group(const struct report *rp, size_t first, struct report_group *g)
{
	const struct hb_csv_table *t = &rp->r->summary;
	struct hb_ranked ranked[REPORT_MAX_ROWS];

	g->n = 0;
	g->by_ratio = false;
	for (size_t i = 0; i < t->nrows && g->n < REPORT_MAX_ROWS; i++) {
		if (hb_results_is_control(rp->r, i) || !hb_table_same(t, first, i, report_group_columns))
			continue;
		g->by_ratio |= has_ratio(rp, i);
		g->row[g->n++] = i;
	}
	for (size_t k = 0; k < g->n; k++)
		ranked[k] = (struct hb_ranked){
			.pos = g->row[k],
			.ok = hb_results_ok(rp->r, g->row[k]),
			.est = hb_results_num(rp->r, g->row[k], g->by_ratio ? "ratio_vs_reference" :
					      "overhead_ns_per_event"),
		};
	hb_rank(ranked, g->n);
	for (size_t k = 0; k < g->n; k++)
		g->row[k] = ranked[k].pos;
}

const char *report_reference_hook(const struct report *rp, const struct report_group *g)
{
	struct hb_match m[4] = { { NULL, NULL } };

	if (!g->n)
		return hb_results_reference(rp->r, NULL);
	for (size_t k = 0; k < 3; k++)
		m[k] = (struct hb_match){ report_group_columns[k],
					  hb_results_str(rp->r, g->row[0], report_group_columns[k]) };
	return hb_results_reference(rp->r, m);
}

long report_reference_row(const struct report *rp, const struct report_group *g)
{
	const struct hb_match ref[] = { { "hook", report_reference_hook(rp, g) }, { "status", "ok" },
					{ NULL, NULL } };

	for (size_t k = 0; k < g->n; k++)
		if (hb_table_matches(&rp->r->summary, g->row[k], ref))
			return (long)g->row[k];
	return -1;
}

size_t report_lead_row(const struct report *rp)
{
	const char *payload = hb_results_ref_payload(rp->r);

	for (size_t i = 0; i < rp->r->summary.nrows; i++)
		if (!hb_results_is_control(rp->r, i) &&
		    !strcmp(hb_results_str(rp->r, i, "payload"), payload))
			return i;
	return 0;
}
