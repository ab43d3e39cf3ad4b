/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * summary.json: summary.csv's rows, typed. One object per row, keyed by
 * column; a number is written digit for digit as summary.csv has it, flags
 * is a list of words, and an empty field is null (flags: an empty list).
 * Besides the rows: schema_version and the columns in summary.csv's order.
 */
#ifndef HB_SUMMARY_JSON_H
#define HB_SUMMARY_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "json.h"

struct hb_summary_json {
	struct hb_json j;
	const char *const *cols;
	size_t ncols;
};

/* Start writing to f rows of the columns cols (kept until hb_summary_json_end). */
void hb_summary_json_begin(struct hb_summary_json *s, FILE *f, const char *const *cols, size_t ncols);

/* One row: ncols fields, summary.csv's text of each. */
void hb_summary_json_row(struct hb_summary_json *s, const char *const *fields);

/* Close the document. 0, or -EIO when f has seen an error. */
int hb_summary_json_end(struct hb_summary_json *s);

#endif
