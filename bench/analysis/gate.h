/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compare --fail-above: a gate a CI can act on. Each row in both runs is
 * judged on one rule: it fails when NEW's low end lies above BASE's high end
 * grown by PCT percent. The ends are the between-run intervals (where
 * another run's figure should land); on the ratio to the reference hook when
 * both runs have it with one (the machine's speed cancels in a ratio), else
 * on the added cost itself, with a run's 95% CI standing in where it has no
 * between-run interval.
 */
#ifndef HB_GATE_H
#define HB_GATE_H

#include <stddef.h>
#include <stdio.h>

#include "results.h"

struct hb_gate_opts {
	double pct;                /* growth allowed beyond BASE's high end, in % of it */
	const char *const *hooks;  /* shell patterns a row's hook must match; none: every row */
	size_t nhooks;
};

struct hb_gate_outcome {
	size_t gated;  /* rows judged */
	size_t failed; /* of those, rows that grew too much */
};

/*
 * Judge every row of base and next; print to f the rule, one line per row
 * (judged or why not: control, only in one run, not selected, a status
 * other than ok, no interval) and, when any row was judged, a last line
 * saying pass or fail and why. BASE's high end grows by pct percent of its
 * magnitude (a negative end moves up too). The caller makes sure both runs
 * count in one unit. Returns how many rows were judged and how many failed.
 */
struct hb_gate_outcome hb_gate(const struct hb_results *base, const struct hb_results *next,
			       const struct hb_gate_opts *o, FILE *f);

#endif
