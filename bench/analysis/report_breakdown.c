// SPDX-License-Identifier: GPL-2.0-only
/* Where the added cost goes: dispatch and body per hook, for the lead group. */
#include <math.h>
#include <string.h>

#include "breakdown.h"
#include "report_parts.h"

static void num_cell(FILE *f, double v)
{
	if (isnan(v))
		fputs("n/a | ", f);
	else
		fprintf(f, "%.1f | ", v);
}

/* Why each part of b that looks wrong is so, "; " between them. */
static void note_cell(FILE *f, const struct hb_breakdown *b)
{
	unsigned odd = hb_breakdown_odd(b);
	const char *sep = "";

	if (!hb_breakdown_has_parts(b)) {
		fputs("no `empty` run of this hook, so no parts", f);
		sep = "; ";
	}
	for (unsigned flag = 1; flag <= HB_ODD_PROG_OVER_WHOLE; flag <<= 1) {
		if (odd & flag) {
			fprintf(f, "%s%s", sep, hb_breakdown_why(flag, b));
			sep = "; ";
		}
	}
}

static void breakdown_row(const struct report *rp, size_t row)
{
	const struct hb_results *r = rp->r;
	struct hb_breakdown b;
	FILE *f = rp->f;

	if (!hb_breakdown_of(r, (long)row, &b))
		return;
	fprintf(f, "| %s | %.1f [%.1f, %.1f] | ", hb_results_str(r, row, "hook"), b.whole,
		hb_results_num(r, row, "ci95_low_ns"), hb_results_num(r, row, "ci95_high_ns"));
	num_cell(f, b.dispatch);
	num_cell(f, b.body);
	num_cell(f, b.prog_floor);
	num_cell(f, b.prog_beyond);
	note_cell(f, &b);
	fputs(" |\n", f);
}

void report_breakdown(const struct report *rp)
{
	size_t first = report_lead_row(rp);
	const char *threads = hb_results_str(rp->r, first, "threads");
	const char *unit = hb_results_unit_short(rp->r);
	struct report_group g;
	FILE *f = rp->f;

	if (!hb_breakdown_available(rp->r))
		return;
	report_collect_group(rp, first, &g);
	fprintf(f, "\n## Where the added cost goes\n\nPayload `%s`, mode `%s`, %s workload thread%s. "
		"Dispatch is what the hook's `empty` program adds (reaching a BPF program and coming "
		"back); body is what the payload adds on top of it; both come from the same rounds as "
		"the whole. In-program time is a separate measurement (bpf_stats, in its own blocks), "
		"not a part of the whole: the `empty` program's reading is mostly bpf_stats' own clock "
		"reads (the floor), so the payload's work in the program is what it spends beyond that. "
		"Where a part comes out larger than its whole, the note says "
		"why.\n\n", hb_results_str(rp->r, first, "payload"), hb_results_str(rp->r, first, "mode"),
		threads, strcmp(threads, "1") ? "s" : "");
	fprintf(f, "| hook | added %s/event [95%% CI] | dispatch %s | body %s | in-program floor (`empty`) %s "
		"| in-program beyond the floor %s | note |\n"
		"| --- | --- | --- | --- | --- | --- | --- |\n", unit, unit, unit, unit, unit);
	for (size_t k = 0; k < g.n; k++)
		breakdown_row(rp, g.row[k]);
}
