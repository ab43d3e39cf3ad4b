/* SPDX-License-Identifier: GPL-2.0-only */
/* Two result sets side by side, row by row, and whether each change is significant. */
#ifndef HB_COMPARE_H
#define HB_COMPARE_H

#include <stdio.h>

#include "results.h"

/*
 * Print to f the rows of base beside those of next with the same hook,
 * payload, mode and threads (rows found in one only are listed too): both
 * estimates, the change and a verdict, then the count of significant
 * regressions. A change is significant when the 95% intervals do not
 * overlap and it exceeds threshold percent of base's estimate. The control
 * row (hook `none`, nothing attached) is listed but never judged. The header
 * and the last line name base's unit: the caller makes sure next counts in the
 * same one. Returns the number of significant regressions.
 */
int hb_compare(const struct hb_results *base, const struct hb_results *next, double threshold,
	       FILE *f);

#endif
