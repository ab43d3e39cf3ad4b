/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a run's coverage pass found (coverage.csv, blocking.csv): what each
 * hook saw of each way of removing a name, in a few words for the decision
 * table, and whether its deny program stopped a removal.
 */
#ifndef HB_COVERAGE_READ_H
#define HB_COVERAGE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"

/* How a hook fared on one path x outcome. */
enum hb_seen {
	HB_SEEN_ALL,     /* every call: seen == expected > 0 */
	HB_SEEN_NONE,    /* no call: seen == 0 */
	HB_SEEN_PART,    /* some calls: 0 < seen < expected, or more than expected */
	HB_SEEN_NOT_RUN, /* the path could not run here (its reason says why) */
};

/* Row i of coverage.csv, judged. */
enum hb_seen hb_coverage_seen(const struct hb_results *r, size_t i);

/*
 * What hook saw, in a few words: "unlinkat(2) only", "every route, files
 * only, removals only", "all but compat". Empty when coverage.csv has no
 * row of it. Returns true when some path was seen only in part (a
 * mismatch the appendix shows).
 */
bool hb_coverage_sees(const struct hb_results *r, const char *hook, char *buf, size_t len);

/* blocking.csv's can_block of hook ("yes", "no", "not run"), or "" when it has none. */
const char *hb_coverage_can_block(const struct hb_results *r, const char *hook);

#endif
