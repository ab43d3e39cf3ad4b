/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A results directory read back: summary.csv, meta.json and, when the run
 * wrote it, states.csv. Columns a run's version did not write read as
 * empty, so older directories load as they are.
 */
#ifndef HB_RESULTS_H
#define HB_RESULTS_H

#include <limits.h>
#include <stdbool.h>

#include "csv_read.h"
#include "table.h"

struct json_object;

struct hb_results {
	char dir[PATH_MAX];
	struct hb_csv_table summary;
	struct json_object *meta; /* NULL when there is no meta.json */
	bool has_meta;
	struct hb_csv_table states; /* states.csv: per cell, each speed state (none: 0 rows) */
};

/* A figure of a row and its interval; ok when the row's status is ok and it has the figure. */
struct hb_estimate {
	bool ok;
	double est, low, high;
};

/*
 * Read dir/summary.csv (it must have every column summary.csv starts with),
 * and dir/meta.json and dir/states.csv when they are there. Returns 0,
 * -ENOENT for a missing directory or summary.csv, -EINVAL for a malformed
 * file; why says which.
 */
int hb_results_load(struct hb_results *r, const char *dir, char *why, size_t len);

/* summary.csv field of row by column name ("" when absent). */
const char *hb_results_str(const struct hb_results *r, size_t row, const char *col);

/* The same as a number; NAN when empty or not a number. */
double hb_results_num(const struct hb_results *r, size_t row, const char *col);

/* True when row's status is ok. */
bool hb_results_ok(const struct hb_results *r, size_t row);

/* True when summary.csv has column col (older runs lack the newer ones). */
bool hb_results_has(const struct hb_results *r, const char *col);

/* True when row is the control: hook `none`, nothing attached (the noise floor). */
bool hb_results_is_control(const struct hb_results *r, size_t row);

/* The added cost of row with its within-run 95% interval; row -1 (not found) is not ok. */
struct hb_estimate hb_results_estimate(const struct hb_results *r, long row);

/* The same added cost with the interval another run should land in (not ok without one). */
struct hb_estimate hb_results_between_runs(const struct hb_results *r, long row);

/* ratio_vs_reference with its interval (not ok without one). */
struct hb_estimate hb_results_ratio(const struct hb_results *r, long row);

/*
 * The figure a row leads with: total_ns_per_event (the added cost plus,
 * for ring-buffer payloads, the reader's CPU per event) when the run has
 * it, else the added cost. NAN when neither.
 */
double hb_results_headline(const struct hb_results *r, size_t row);

/* The first summary row that matches m, or -1. */
long hb_results_find(const struct hb_results *r, const struct hb_match *m);

/* The row of r with the hook, payload, mode and threads of row of other, or -1. */
long hb_results_find_same(const struct hb_results *r, const struct hb_results *other, size_t row);

/* "hook/payload/mode/Nt", the name a row goes by. */
void hb_results_key(const struct hb_results *r, size_t row, char *buf, size_t len);

/* The payload the figures lead with: count when the run has it, else the first hook's. */
const char *hb_results_ref_payload(const struct hb_results *r);

/* What the figures count: the unit column ("ns", or "guest instructions" under QEMU -icount). */
const char *hb_results_unit(const struct hb_results *r);

/* False when rows count in different units (a merged fleet of host and guest runs). */
bool hb_results_one_unit(const struct hb_results *r);

/* The unit short enough for a table header: "ns", or "guest instr.". */
const char *hb_results_unit_short(const struct hb_results *r);

void hb_results_free(struct hb_results *r);

#endif
