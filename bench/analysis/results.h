/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A results directory read back: summary.csv, meta.json and states.csv, of
 * the one schema this hookbench writes (common/schema.h). A directory of
 * another schema, or with a value no run can produce, is refused.
 */
#ifndef HB_RESULTS_H
#define HB_RESULTS_H

#include <limits.h>
#include <stdbool.h>

#include "csv_read.h"
#include "table.h"

struct json_object;

/* The share of all syscalls that are unlinkat(): where report.md's decision is made. */
struct hb_share {
	double value;      /* 0..1 */
	char source[256];  /* where it came from, for the page: "the default", "given with --share", "mix.csv: ..." */
};

/* Without a measured mix, the decision is made at 1% unlinkat, and the page says so. */
#define HB_SHARE_DEFAULT 0.01

struct hb_results {
	char dir[PATH_MAX];
	struct hb_share share; /* HB_SHARE_DEFAULT unless DIR/mix.csv or the command line says */
	struct hb_csv_table summary;
	struct json_object *meta;
	struct hb_csv_table states; /* states.csv: per cell, each speed state (a merged fleet: 0 rows) */
	struct hb_csv_table coverage; /* coverage.csv: what each hook saw of each path (0 rows: none) */
	struct hb_csv_table blocking; /* blocking.csv: the deny proof per hook (0 rows: none) */
};

/* A figure of a row and its interval; ok when the row's status is ok and it has the figure. */
struct hb_estimate {
	bool ok;
	double est, low, high;
};

/*
 * Read dir/summary.csv, dir/meta.json, dir/states.csv (a merged fleet has
 * none) and, where a run wrote them, dir/coverage.csv and dir/blocking.csv. meta.json's schema_version must be HB_SCHEMA_VERSION, summary.csv
 * must have every column of hb_summary_columns, and every number a reader
 * uses, there and in runs.csv and hyperfine.csv when they are there, must be
 * one a run can write (table.h's hb_value_rule). Returns 0,
 * -ENOENT for a missing directory or summary.csv, -EINVAL for anything else
 * (why names the file and what is wrong, on one line).
 */
int hb_results_load(struct hb_results *r, const char *dir, char *why, size_t len);

/* summary.csv field of row by column name ("" when absent). */
const char *hb_results_str(const struct hb_results *r, size_t row, const char *col);

/* The same as a number; NAN when empty or not a number. */
double hb_results_num(const struct hb_results *r, size_t row, const char *col);

/* True when row's status is ok. */
bool hb_results_ok(const struct hb_results *r, size_t row);

/* True when row is the control: hook `none`, nothing attached (the noise floor). */
bool hb_results_is_control(const struct hb_results *r, size_t row);

/* The added cost of row with its within-run 95% interval; row -1 (not found) is not ok. */
struct hb_estimate hb_results_estimate(const struct hb_results *r, long row);

/* The same added cost with the interval another run should land in (not ok without one). */
struct hb_estimate hb_results_between_runs(const struct hb_results *r, long row);

/* ratio_vs_reference with its interval (not ok without one). */
struct hb_estimate hb_results_ratio(const struct hb_results *r, long row);

/*
 * True when row's flags column (';'-separated words) holds flag: at_resolution,
 * ratio_at_resolution, below_zero, control_biased, reference_not_above_zero.
 */
bool hb_results_flag(const struct hb_results *r, size_t row, const char *flag);

/*
 * The figure a row leads with: total_ns_per_event (the added cost plus,
 * for ring-buffer payloads, the reader's CPU per event) when the run has
 * it, else the added cost. NAN when neither.
 */
double hb_results_headline(const struct hb_results *r, size_t row);

/*
 * The hook ratios are taken against among the rows that match m (every row:
 * m NULL): the first reference_hook named, else the default reference, the
 * tracepoint (a run whose reference hook did not load names none).
 */
const char *hb_results_reference(const struct hb_results *r, const struct hb_match *m);

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
