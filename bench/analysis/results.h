/* SPDX-License-Identifier: GPL-2.0-only */
/* A results directory read back: summary.csv, runs.csv and meta.json. */
#ifndef HB_RESULTS_H
#define HB_RESULTS_H

#include <limits.h>
#include <stdbool.h>

#include "csv_read.h"
#include "json_read.h"

struct hb_results {
	char dir[PATH_MAX];
	struct hb_csv_table summary;
	struct hb_jval meta;  /* empty object when there is no meta.json */
	bool has_meta;
};

/*
 * Read dir/summary.csv (it must have every column summary.csv starts with)
 * and dir/meta.json when there is one. Returns 0, -ENOENT for a missing
 * directory or summary.csv, -EINVAL for a malformed one; why says which.
 */
int hb_results_load(struct hb_results *r, const char *dir, char *why, size_t len);

/* summary.csv field of row by column name ("" when absent). */
const char *hb_results_str(const struct hb_results *r, size_t row, const char *col);

/* The same as a number; NAN when empty or not a number. */
double hb_results_num(const struct hb_results *r, size_t row, const char *col);

/* "hook/payload/mode/Nt", the key rows are matched by. */
void hb_results_key(const struct hb_results *r, size_t row, char *buf, size_t len);

void hb_results_free(struct hb_results *r);

#endif
