/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The columns of mix.csv, the syscall mix that hookbench mix writes and
 * report and plot read back (docs/outputs.md): one row per syscall counted,
 * each repeating the count's seconds, total and kernel, so the file alone
 * says what it measured.
 */
#ifndef HB_MIX_SCHEMA_H
#define HB_MIX_SCHEMA_H

#include <stddef.h>

#define HB_MIX_NCOLUMNS 8
extern const char *const hb_mix_columns[];

/* syscall_nr is below this: the counter's table size (bpf/syscall_count.h). */
#define HB_MIX_CSV_NR_MAX 1024

/* The abi column: the native table, the 32-bit (compat) one, or a number in neither. */
#define HB_MIX_ABI_NATIVE "native"
#define HB_MIX_ABI_COMPAT "compat"
#define HB_MIX_ABI_OUTSIDE "outside"

#endif
