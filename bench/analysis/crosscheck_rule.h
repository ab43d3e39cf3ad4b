/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * When the whole-command (hyperfine) estimate agrees with the paired one.
 * An interval wide enough would contain almost any estimate, so containing
 * the paired estimate means something only when the interval is narrow
 * enough to have missed it.
 */
#ifndef HB_CROSSCHECK_RULE_H
#define HB_CROSSCHECK_RULE_H

/*
 * The widest interval that can agree or disagree, as its half-width over
 * the paired estimate. Agree: no wider, and it contains the paired
 * estimate. Disagree: no wider, and it excludes it. Inconclusive: wider.
 */
#define HB_CROSSCHECK_MAX_HALF_WIDTH 0.25

enum hb_agreement {
	HB_AGREEMENT_NONE,         /* nothing to compare: a figure is missing */
	HB_AGREEMENT_YES,
	HB_AGREEMENT_NO,
	HB_AGREEMENT_INCONCLUSIVE, /* the interval is too wide to have disagreed */
};

struct hb_crosscheck {
	enum hb_agreement verdict;
	double half_width; /* of the whole-command interval, ns */
	double share;      /* half_width over |paired|; INFINITY when paired is 0 */
};

/* Judge the whole-command interval [low, high] against the paired estimate. */
struct hb_crosscheck hb_crosscheck_judge(double low, double high, double paired);

/* "yes", "no", "inconclusive", or "" for HB_AGREEMENT_NONE: hyperfine.csv's agree column. */
const char *hb_agreement_word(enum hb_agreement a);

#endif
