/* SPDX-License-Identifier: GPL-2.0-only */
/* mix.csv (common/mix_schema.h) from hookbench mix's count. */
#ifndef HB_MIX_CSV_H
#define HB_MIX_CSV_H

#include <stddef.h>

#include "syscall_counter.h"

/*
 * Write path: a row for each syscall counted at least once, and always one
 * for native unlinkat, most frequent first, each named by libseccomp ("" when
 * it does not know the number). Written beside path and renamed over it, so
 * a reader never sees half a file. Returns 0 or -errno with why.
 */
int hb_mix_csv_write(const char *path, const struct hb_syscall_counts *c, char *why, size_t len);

#endif
