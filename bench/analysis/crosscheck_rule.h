/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * When the whole-command (hyperfine) estimate agrees with the paired one,
 * and what to say when it does not.
 *
 * The whole-command interval is compared with the paired estimate's
 * between-run interval (where another run of it lands; the within-run one
 * when the run has none): they agree when the two intervals overlap, the
 * whole-command figure landing where another paired run could. A
 * whole-command interval wide enough would overlap almost anything, so
 * overlapping means something only when it is narrow enough to have missed.
 */
#ifndef HB_CROSSCHECK_RULE_H
#define HB_CROSSCHECK_RULE_H

#include <stddef.h>

/*
 * The widest whole-command interval that can agree or disagree, as its
 * half-width over the paired estimate, for the whole-command interval and
 * for the paired one. Agree: neither wider, and the two intervals overlap.
 * Disagree: neither wider, and they do not. Inconclusive: either wider.
 */
#define HB_CROSSCHECK_MAX_HALF_WIDTH 0.25

/*
 * A bare command more than this share off the paired baseline ran on a
 * machine other than the one the paired figures saw: such a round is left
 * out (crosscheck_states.h).
 */
#define HB_CROSSCHECK_BARE_DRIFT 0.10

enum hb_agreement {
	HB_AGREEMENT_NONE,         /* nothing to compare: a figure is missing */
	HB_AGREEMENT_YES,
	HB_AGREEMENT_NO,
	HB_AGREEMENT_INCONCLUSIVE, /* an interval is too wide to have disagreed */
};

struct hb_crosscheck {
	enum hb_agreement verdict;
	double half_width;        /* of the whole-command interval, ns */
	double share;             /* half_width over |paired|; INFINITY when paired is 0 */
	double paired_share;      /* the paired interval's half-width over |paired| */
	double gap;               /* whole-command interval minus the paired one, ns: > 0 above, < 0 below, 0 overlapping */
};

/* Judge the whole-command interval [low, high] against paired [paired_low, paired_high]. */
struct hb_crosscheck hb_crosscheck_judge(double low, double high, double paired, double paired_low,
					 double paired_high);

/* "yes", "no", "inconclusive", or "" for HB_AGREEMENT_NONE: hyperfine.csv's agree column. */
const char *hb_agreement_word(enum hb_agreement a);

/* What hyperfine.csv says about one loader beyond its interval: the facts a cause comes from. */
struct hb_crosscheck_facts {
	const char *hook;
	double loader_s;          /* the hooked command's whole time, s (CPU or wall: the clock) */
	double outside_s;         /* the loader's own load, attach and detach in it, s (taken out) */
	size_t rounds;            /* rounds timed */
	size_t kept;              /* rounds whose bare command ran in the paired headline state */
	size_t slower;            /* rounds left out because it ran slower than that state */
	double bare_ns;           /* the bare command's ns per call in the rounds kept */
	double state_ns;          /* the paired headline state's baseline ns per call */
	double paired;            /* the paired estimate: NAN when summary.csv has none */
};

/*
 * One clause saying why c is not an agreement, measured from f (no
 * capital, no full stop): "" for an agreement. The first that holds: too
 * few rounds in the paired state for an interval; the whole-command
 * interval too wide; the paired one too wide; else where the two lie, and
 * that the figures show no cause.
 */
void hb_crosscheck_cause(const struct hb_crosscheck *c, const struct hb_crosscheck_facts *f,
			 char *buf, size_t len);

#endif
