/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The results contract: the columns of summary.csv, shared by the engine
 * that writes it and the analysis that reads it back.
 */
#ifndef HB_SCHEMA_H
#define HB_SCHEMA_H

#include <stddef.h>

/* The columns every summary.csv starts with, in this order (the first
 * HB_SUMMARY_FIXED are fixed; more follow). */
#define HB_SUMMARY_FIXED 18
#define HB_SUMMARY_NCOLUMNS 32
extern const char *const hb_summary_columns[];
extern const size_t hb_summary_ncolumns;

#endif
