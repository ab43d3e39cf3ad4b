// SPDX-License-Identifier: GPL-2.0-only
/* The appendix's coverage table: each hook x each way of removing a name, and the deny proof. */
#include <math.h>
#include <string.h>

#include "coverage_read.h"
#include "report_parts.h"

#define MAX_NAMES 64

/* The distinct values of col in coverage.csv (or blocking.csv), in file order. */
static size_t distinct(const struct hb_csv_table *t, const char *col, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nrows && n < max; i++) {
		const char *v = hb_table_str(t, i, col);
		size_t k = 0;

		while (k < n && strcmp(out[k], v))
			k++;
		if (k == n)
			out[n++] = v;
	}
	return n;
}

static long row_of(const struct hb_results *r, const char *hook, const char *path, const char *outcome)
{
	const struct hb_match m[] = { { "hook", hook }, { "path", path }, { "outcome", outcome }, { NULL, NULL } };

	return hb_table_find(&r->coverage, 0, m);
}

static void cell_part(FILE *f, const struct hb_results *r, long i)
{
	if (i < 0)
		fputs("—", f);
	else if (hb_coverage_seen(r, (size_t)i) == HB_SEEN_NOT_RUN)
		fputs("not run", f);
	else
		fprintf(f, "%s/%s", hb_table_str(&r->coverage, (size_t)i, "seen"),
			hb_table_str(&r->coverage, (size_t)i, "expected"));
}

/* The first row of path that did not run, or -1. */
static long not_run_row(const struct hb_results *r, const char *path)
{
	const struct hb_match m[] = { { "path", path }, { NULL, NULL } };

	for (long i = hb_table_find(&r->coverage, 0, m); i >= 0; i = hb_table_find(&r->coverage, (size_t)i + 1, m))
		if (hb_coverage_seen(r, (size_t)i) == HB_SEEN_NOT_RUN)
			return i;
	return -1;
}

/* The paths that did not run, grouped by reason, on one line. */
static void not_run_line(const struct report *rp, const char *const *path, size_t npaths)
{
	const char *name[MAX_NAMES], *reason[MAX_NAMES];
	size_t n = 0;

	for (size_t p = 0; p < npaths; p++) {
		long i = not_run_row(rp->r, path[p]);

		if (i < 0)
			continue;
		name[n] = path[p];
		reason[n++] = hb_table_str(&rp->r->coverage, (size_t)i, "reason");
	}
	report_by_reason(rp->f, "\nNot run here: ", name, reason, n);
}

/* True when hook has no row that ran: its proof could not run either, for the reason given above. */
static bool never_ran(const struct hb_results *r, const char *hook)
{
	const struct hb_match m[] = { { "hook", hook }, { NULL, NULL } };

	for (long i = hb_results_find(r, m); i >= 0; i = hb_table_find(&r->summary, (size_t)i + 1, m))
		if (strcmp(hb_results_str(r, (size_t)i, "status"), "unsupported"))
			return false;
	return r->summary.nrows > 0;
}

/* Row i's proof is to be listed: it ran, or failed for a reason other than the hook being unsupported. */
static bool listed(const struct report *rp, size_t i)
{
	const struct hb_csv_table *t = &rp->r->blocking;

	return strcmp(hb_table_str(t, i, "can_block"), "not run") || !never_ran(rp->r, hb_table_str(t, i, "hook"));
}

/* The deny proofs, hooks with the same answer and detail on one line. */
static void blocking(const struct report *rp)
{
	const struct hb_csv_table *t = &rp->r->blocking;
	bool done[REPORT_MAX_ROWS] = { false }, any = false;

	if (!t->nrows)
		return;
	fputs("\nCan it block: each hook ran the `deny` payload, which returns -EPERM for names that start "
	      "with `hookbench-deny-`; **yes** only where `unlinkat()` of such a name failed with EPERM, "
	      "the file stayed and every other name was removed.\n\n", rp->f);
	for (size_t i = 0; i < t->nrows && i < REPORT_MAX_ROWS; i++) {
		const char *answer = hb_table_str(t, i, "can_block"), *detail = hb_table_str(t, i, "detail");

		if (done[i] || !listed(rp, i))
			continue;
		fprintf(rp->f, "- **%s**:", answer);
		for (size_t j = i, first = 1; j < t->nrows && j < REPORT_MAX_ROWS; j++) {
			if (done[j] || !listed(rp, j) || strcmp(hb_table_str(t, j, "can_block"), answer) ||
			    strcmp(hb_table_str(t, j, "detail"), detail))
				continue;
			fprintf(rp->f, "%s `%s`", first ? "" : ",", hb_table_str(t, j, "hook"));
			done[j] = true;
			first = 0;
		}
		if (*detail) {
			fputs(": ", rp->f);
			report_cell(rp->f, detail);
		}
		fputc('\n', rp->f);
	}
	for (size_t i = 0; i < t->nrows; i++) {
		if (listed(rp, i))
			continue;
		fprintf(rp->f, "%s`%s`", any ? ", " : "\nNot tried on the hooks this kernel does not run: ",
			hb_table_str(t, i, "hook"));
		any = true;
	}
	if (any)
		fputs(".\n", rp->f);
}

void report_coverage_table(const struct report *rp, const char *heading)
{
	const struct hb_results *r = rp->r;
	const char *hook[MAX_NAMES], *path[MAX_NAMES];
	size_t nhooks, npaths;
	const char *calls = "";

	if (!r->coverage.nrows && !r->blocking.nrows)
		return;
	nhooks = distinct(&r->coverage, "hook", hook, MAX_NAMES);
	npaths = distinct(&r->coverage, "path", path, MAX_NAMES);
	for (size_t i = 0; i < r->coverage.nrows && !*calls; i++)
		calls = hb_table_str(&r->coverage, i, "expected");
	fprintf(rp->f, "\n%s\n", heading);
	if (nhooks) {
		fprintf(rp->f, "\nEach way of removing a name ran %s times on a name that exists and %s times on "
			"one that does not (ENOENT). A cell is what the hook's `count` program counted of those "
			"calls: existing · missing. Only all or none is an answer; anything between is a "
			"mismatch.\n\n| hook |", *calls ? calls : "N", *calls ? calls : "N");
		for (size_t p = 0; p < npaths; p++)
			fprintf(rp->f, " `%s` |", path[p]);
		fputs(" sees |\n| --- |", rp->f);
		for (size_t p = 0; p <= npaths; p++)
			fputs(" --- |", rp->f);
		fputc('\n', rp->f);
		for (size_t h = 0; h < nhooks; h++) {
			char sees[160];

			fprintf(rp->f, "| %s |", hook[h]);
			for (size_t p = 0; p < npaths; p++) {
				fputc(' ', rp->f);
				cell_part(rp->f, r, row_of(r, hook[h], path[p], "removed"));
				fputs(" · ", rp->f);
				cell_part(rp->f, r, row_of(r, hook[h], path[p], "enoent"));
				fputs(" |", rp->f);
			}
			hb_coverage_sees(r, hook[h], sees, sizeof(sees));
			fprintf(rp->f, " %s |\n", sees);
		}
		not_run_line(rp, path, npaths);
	}
	blocking(rp);
}

void report_coverage(const struct report *rp)
{
	report_coverage_table(rp, "## What each hook sees and whether it can block");
}
