// SPDX-License-Identifier: GPL-2.0-only
/* Where each hook's cost lands, for the report's tables (common/cost_lands.h). */
#include <stdbool.h>
#include <string.h>

#include "cost_lands.h"
#include "report_parts.h"

const char *report_cost_lands(const struct hb_results *r, size_t row)
{
	const char *ap = hb_results_str(r, row, "attach_point");

	/* A hook on a kernel function that did not resolve here has no attach point. */
	if (!*ap && strncmp(hb_results_str(r, row, "stability"), "internal symbol", 15))
		return "?";
	return hb_cost_lands_label(hb_cost_lands_of_attach_point(ap));
}

void report_cost_legend(const struct report *rp)
{
	const enum hb_cost_lands all[] = { HB_COST_THIS_CALL, HB_COST_EVERY_SYSCALL, HB_COST_SLOW_PATH };

	fputs("\nCost lands says who pays besides the measured call, from the attach point:", rp->f);
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		fprintf(rp->f, "%s*%s*: %s", i ? "; " : " ", hb_cost_lands_label(all[i]),
			hb_cost_lands_why(all[i]));
	fputs(". The tables measure one task's unlinkat(); what the other tasks pay is not in "
	      "them.\n", rp->f);
}
