/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hyperfine cross-check's outcome, for whichever part of report.md
 * needs it (the decision block says when it failed, and why).
 */
#ifndef HB_REPORT_CROSSCHECK_H
#define HB_REPORT_CROSSCHECK_H

#include <stddef.h>

#include "report_parts.h"

/*
 * Read DIR/hyperfine.csv and judge each loader that ran; nothing printed.
 * Returns how many disagree and how many are inconclusive (a loader
 * without an interval counts as inconclusive); cause gets, for each of
 * them, "<loader>: <measured cause>", joined by "; " ("" when every loader
 * agrees, or the run has no cross-check or is not counted in ns).
 */
struct report_crosscheck report_crosscheck_outcome(const struct report *rp, char *cause, size_t len);

#endif
