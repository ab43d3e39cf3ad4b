/* SPDX-License-Identifier: GPL-2.0-only */
/* unlink-storm's summary: one human line or one JSON object. */
#ifndef HB_STORM_REPORT_H
#define HB_STORM_REPORT_H

#include <stdio.h>

#include "options.h"
#include "runner.h"

/* "unlink-storm: <prefix>enoent, 1 thread, 100000 ops in 0.041 s, 412.3 ns/op" */
void storm_report_line(FILE *f, const char *prefix, const struct storm_opts *o,
		       const struct storm_run *r);

/* One JSON object on one line. */
void storm_report_json(FILE *f, const struct storm_opts *o,
		       const struct storm_run *r, const struct storm_scratch *s);

#endif
