// SPDX-License-Identifier: GPL-2.0-only
/* The hyperfine section of report.md: whole-command estimates beside the paired ones. */
#include <limits.h>
#include <string.h>

#include "report_parts.h"

static void cross_check_row(FILE *f, const struct hb_csv_table *t, size_t i)
{
	const char *agree = hb_table_str(t, i, "agree");

	fprintf(f, "| %s | %s | ", hb_table_str(t, i, "loader"), hb_table_str(t, i, "hook"));
	if (strcmp(hb_table_str(t, i, "status"), "ok")) {
		fputs("not run here | | |\n", f);
		return;
	}
	fprintf(f, "%s [%s, %s] | %s [%s, %s] | %s |\n", hb_table_str(t, i, "ns_per_op"),
		hb_table_str(t, i, "ci95_low_ns"), hb_table_str(t, i, "ci95_high_ns"),
		hb_table_str(t, i, "paired_ns"), hb_table_str(t, i, "paired_ci95_low_ns"),
		hb_table_str(t, i, "paired_ci95_high_ns"), *agree ? agree : "n/a");
}

int report_cross_check(const struct report *rp)
{
	static const struct hb_match disagrees[] = { { "status", "ok" }, { "agree", "no" },
						     { NULL, NULL } };
	struct hb_csv_table t;
	char path[PATH_MAX + 32], why[256];
	int disagree = 0;

	snprintf(path, sizeof(path), "%s/hyperfine.csv", rp->r->dir);
	if (hb_csv_load(path, &t, why, sizeof(why)))
		return 0;
	fputs("\n## Whole-command cross-check (hyperfine)\n\n"
	      "`unlink-storm` timed as a whole command, bare and under each loader; loading and "
	      "attaching are taken out by timing each loader around `true` too. The commands run in "
	      "short rounds, in reverse order every other round; the estimate is the median of the "
	      "rounds' estimates and its interval comes from their spread.\n\n"
	      "| loader | hook | whole-command ns/op [95% CI] | paired in-process ns/event [95% CI] | agree |\n"
	      "| --- | --- | --- | --- | --- |\n", rp->f);
	for (size_t i = 0; i < t.nrows; i++) {
		cross_check_row(rp->f, &t, i);
		disagree += hb_table_matches(&t, i, disagrees);
	}
	hb_csv_free(&t);
	return disagree;
}
