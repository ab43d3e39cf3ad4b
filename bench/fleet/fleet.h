/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A merged fleet directory read back (hookbench merge's output): report and
 * plot give it the fleet page and the heat map instead of one run's.
 */
#ifndef HB_FLEET_H
#define HB_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"

/* True when r is a merged directory (its meta.json has fleet.sources). */
bool hb_fleet_is_merged(const struct hb_results *r);

/*
 * Write r->dir/report.md, the fleet page: the kernels, a hook x kernel
 * table of ratios to the reference hook per payload x mode x threads, the
 * symbol each kernel's kprobe family attached to, which hooks were
 * unsupported where and why, and the heat map when it is drawn. path gets
 * the file's name. 0 or -errno.
 */
int hb_fleet_report_write(const struct hb_results *r, char *path, size_t len);

/* Draw r->dir/charts/fleet.{png,svg} from charts/fleet.dat. 0 or -errno with why. */
int hb_fleet_plot(const struct hb_results *r, char *why, size_t len);

/* True when r->dir/charts/fleet.png is there. */
bool hb_fleet_plot_drawn(const struct hb_results *r);

#endif
