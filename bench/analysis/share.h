/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unlinkat share report.md's decision is made at (results.h's struct
 * hb_share), from the first of: --share P, --mix FILE, DIR/mix.csv, the
 * default HB_SHARE_DEFAULT.
 */
#ifndef HB_SHARE_H
#define HB_SHARE_H

#include <stddef.h>

struct hb_results;

/* The name report and plot look for in a results directory. */
#define HB_MIX_FILE "mix.csv"

/*
 * Parse --share's argument: a percentage from 0 to 100, with or without a
 * trailing '%' ("0.5" and "0.5%" are both 0.5%, value 0.005). Returns 0 or
 * -EINVAL with why on one line.
 */
int hb_share_parse(const char *arg, double *value, char *why, size_t len);

/*
 * Fill r->share from share_arg (--share, or NULL), else mix_path (--mix, or
 * NULL), else r->dir/mix.csv when it exists, else keep the default. Both
 * arguments at once are refused. Returns 1 when the share came from one of
 * the three, 0 when the default stays, -EINVAL with why (a bad --share, a
 * missing or malformed mix file) or -ENOMEM.
 */
int hb_share_resolve(struct hb_results *r, const char *share_arg, const char *mix_path, char *why,
		     size_t len);

#endif
