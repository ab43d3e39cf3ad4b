/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The results contract: the columns of summary.csv, shared by the engine
 * that writes it and the analysis that reads it back, and the version of
 * the format that meta.json states (summary.csv has no room for it).
 */
#ifndef HB_SCHEMA_H
#define HB_SCHEMA_H

#include <stddef.h>

/*
 * The results format's version, raised whenever summary.csv's columns or
 * meta.json's keys change. 1 had no number written; 2: every summary.csv,
 * host or VM, ends with the kernel column, and meta.json states the version;
 * 3: summary.csv's figures come from visits, with the ratio to a reference
 * hook, replicates, speed states and the dispatch/body breakdown after the
 * kernel column; a `none` control row; states.csv; meta.json's
 * ringbuf_reader_cpu and settings for the reference, replicates and control;
 * 4: summary.csv's foreign_programs column last and the status
 * `contaminated`; meta.json's foreign_programs, foreign_programs_mid_run,
 * allow_foreign, concurrent_allowed and concurrent_holder;
 * 5: a unit column last in summary.csv, runs.csv and states.csv ("ns", or
 * "guest instructions" under QEMU -icount), meta.json's unit and icount;
 * 6: the between-run intervals of one model (common/between_run.h):
 * ratio_ci95_* renamed ratio_between_run_*, earlier_runs and
 * ratio_earlier_runs, replicates counts those used, a flags column before
 * unit, the reference's own ratio without bounds; states.csv counts visits.
 * hookbench reads this version only (bench/analysis/results.h): raising it
 * makes every older directory unreadable, so raise it only with the writer
 * and readers changed together, and say so in docs/outputs.md.
 */
#define HB_SCHEMA_VERSION 6

/* The payload column of a row of the user's own program (run --object): it runs as it is. */
#define HB_OBJECT_PAYLOAD "own"

/* The columns every summary.csv starts with, in this order (the first
 * HB_SUMMARY_FIXED are fixed; more follow). */
#define HB_SUMMARY_FIXED 18
#define HB_SUMMARY_NCOLUMNS 49
extern const char *const hb_summary_columns[];
extern const size_t hb_summary_ncolumns;

/* What a summary.csv column holds, as summary.json types it. */
enum hb_column_type {
	HB_COLUMN_TEXT,   /* a string */
	HB_COLUMN_NUMBER, /* a count or a figure */
	HB_COLUMN_WORDS,  /* ';'-separated words (flags): a list of strings */
};

/* The type of summary.csv's column name (merge's host, arch and source too); text when unlisted. */
enum hb_column_type hb_summary_column_type(const char *name);

#endif
