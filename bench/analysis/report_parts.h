/* SPDX-License-Identifier: GPL-2.0-only */
/* The sections of report.md, each written by its own file. */
#ifndef HB_REPORT_PARTS_H
#define HB_REPORT_PARTS_H

#include <stdio.h>

#include "results.h"

struct report {
	const struct hb_results *r;
	FILE *f;
};

/* Write s into a Markdown table cell: no '|' and no line breaks. */
void report_cell(FILE *f, const char *s);

/* The opening sentence and a verdict table per payload x mode x threads. */
void report_verdicts(const struct report *rp);

/* The hyperfine cross-check, when DIR/hyperfine.csv exists. Returns how many disagree. */
int report_cross_check(const struct report *rp);

void report_caveats(const struct report *rp, int disagree);

/* The environment and the commands that reproduce the run. */
void report_environment(const struct report *rp);

#endif
