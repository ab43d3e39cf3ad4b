/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report.md, the page a design review reads: the verdict tables, the
 * charts, the cross-check, what to be careful with, the environment and the
 * command that reproduces the run.
 */
#ifndef HB_REPORT_MD_H
#define HB_REPORT_MD_H

#include <stddef.h>

#include "results.h"

/*
 * Write r->dir/report.md (path gets its name; the charts already drawn are
 * linked). Returns 0 or -errno.
 */
int hb_report_write(const struct hb_results *r, char *path, size_t len);

#endif
