// SPDX-License-Identifier: GPL-2.0-only
/* The decision block's blocking line: which hook's deny program stopped a removal, here or in the guest. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "report_parts.h"

/* "`lsm` or `fmod_ret`" into buf: the hooks of t that can block; returns how many. */
static size_t blockers(const struct hb_csv_table *t, char *buf, size_t len)
{
	size_t n = 0, total = 0;

	*buf = '\0';
	for (size_t i = 0; i < t->nrows; i++)
		total += !strcmp(hb_table_str(t, i, "can_block"), "yes");
	for (size_t i = 0; i < t->nrows; i++) {
		size_t used = strlen(buf);

		if (strcmp(hb_table_str(t, i, "can_block"), "yes"))
			continue;
		snprintf(buf + used, len - used, "%s`%s`", n == 0 ? "" : n + 1 == total ? " or " : ", ",
			 hb_table_str(t, i, "hook"));
		n++;
	}
	return n;
}

/* How many rows of t say can_block is word. */
static size_t rows_saying(const struct hb_csv_table *t, const char *word)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nrows; i++)
		n += !strcmp(hb_table_str(t, i, "can_block"), word);
	return n;
}

void report_block_line(const struct report *rp)
{
	char here[512], there[512], dir[PATH_MAX + 8], why[256];
	struct hb_results vm;
	size_t n = 0;

	if (!rp->r->blocking.nrows)
		return;
	if (blockers(&rp->r->blocking, here, sizeof(here))) {
		fprintf(rp->f, "- **To block** `unlinkat()`: %s (its `deny` program stopped a removal here); "
			"no other hook tried here did.\n", here);
		return;
	}
	snprintf(dir, sizeof(dir), "%s/vm", rp->r->dir);
	if (hb_results_load(&vm, dir, why, sizeof(why)) == 0) {
		n = blockers(&vm.blocking, there, sizeof(there));
		hb_results_free(&vm);
	}
	if (n)
		fprintf(rp->f, "- **To block** `unlinkat()`, only %s can (%s `deny` program stopped a removal "
			"in the guest); no hook tried here did.\n", there, n == 1 ? "its" : "their");
	else if (rows_saying(&rp->r->blocking, "no"))
		fputs("- **To block**: no hook tried here did (their `deny` program did not stop a removal; "
		      "appendix: What each hook sees).\n", rp->f);
}
