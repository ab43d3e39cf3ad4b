// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hyperfine section of report.md: whole-command estimates beside the
 * paired ones. Agreement is judged here again from the figures, by the
 * rule of crosscheck_rule.h, so that the page and hyperfine.csv's agree
 * column cannot tell two stories.
 */
#include <limits.h>
#include <string.h>

#include "crosscheck_rule.h"
#include "report_parts.h"

static struct hb_crosscheck judge_row(const struct hb_csv_table *t, size_t i)
{
	return hb_crosscheck_judge(hb_table_num(t, i, "ci95_low_ns"), hb_table_num(t, i, "ci95_high_ns"),
				   hb_table_num(t, i, "paired_ns"));
}

static void agree_cell(FILE *f, const struct hb_crosscheck *c)
{
	if (c->verdict == HB_AGREEMENT_INCONCLUSIVE)
		fprintf(f, "inconclusive (interval ±%.1f ns, %.0f%% of the estimate)", c->half_width,
			100 * c->share);
	else if (c->verdict == HB_AGREEMENT_NONE)
		fputs("n/a", f);
	else
		fputs(hb_agreement_word(c->verdict), f);
}

static void cross_check_row(FILE *f, const struct hb_csv_table *t, size_t i,
			    const struct hb_crosscheck *c)
{
	fprintf(f, "| %s | %s | ", hb_table_str(t, i, "loader"), hb_table_str(t, i, "hook"));
	if (strcmp(hb_table_str(t, i, "status"), "ok")) {
		fputs("not run here | | |\n", f);
		return;
	}
	fprintf(f, "%s [%s, %s] | %s [%s, %s] | ", hb_table_str(t, i, "ns_per_op"),
		hb_table_str(t, i, "ci95_low_ns"), hb_table_str(t, i, "ci95_high_ns"),
		hb_table_str(t, i, "paired_ns"), hb_table_str(t, i, "paired_ci95_low_ns"),
		hb_table_str(t, i, "paired_ci95_high_ns"));
	agree_cell(f, c);
	fputs(" |\n", f);
}

struct report_crosscheck report_cross_check(const struct report *rp)
{
	struct report_crosscheck counts = { 0, 0 };
	struct hb_csv_table t;
	char path[PATH_MAX + 32], why[256];

	snprintf(path, sizeof(path), "%s/hyperfine.csv", rp->r->dir);
	if (hb_csv_load(path, &t, why, sizeof(why)))
		return counts;
	/* hookbench hyperfine refuses a run not counted in ns: no such run has hyperfine.csv. */
	if (strcmp(hb_results_unit(rp->r), "ns")) {
		hb_csv_free(&t);
		return counts;
	}
	fprintf(rp->f, "\n## Whole-command cross-check (hyperfine)\n\n"
		"`unlink-storm` timed as a whole command, bare and under each loader; loading and "
		"attaching are taken out by timing each loader around `true` too. The commands run in "
		"short rounds, in reverse order every other round; the estimate is the median of the "
		"rounds' estimates and its interval comes from their spread. The two agree when the "
		"whole-command interval contains the paired estimate and is narrow enough to have "
		"missed it: its half-width must be at most %.0f%% of the paired estimate, since a wider "
		"interval contains almost any estimate. Wider is inconclusive; that narrow and "
		"excluding the paired estimate, they disagree.\n\n"
		"| loader | hook | whole-command ns/op [95%% CI] | paired in-process ns/event [95%% CI] | agree |\n"
		"| --- | --- | --- | --- | --- |\n", 100 * HB_CROSSCHECK_MAX_HALF_WIDTH);
	for (size_t i = 0; i < t.nrows; i++) {
		struct hb_crosscheck c = judge_row(&t, i);
		bool ran = !strcmp(hb_table_str(&t, i, "status"), "ok");

		cross_check_row(rp->f, &t, i, &c);
		counts.disagree += ran && c.verdict == HB_AGREEMENT_NO;
		counts.inconclusive += ran && c.verdict == HB_AGREEMENT_INCONCLUSIVE;
	}
	hb_csv_free(&t);
	return counts;
}
