/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's speed states during a run. Baseline blocks have nothing
 * attached, so every cell's are samples of the same machine: for each mode
 * x threads, all of them in time order go to hb_speed_states(), and each
 * pair is labelled with the state its baseline block fell in. A block
 * timed as 0 ns/op (a guest whose CPU clock ticks coarser than a block) has
 * no state. The headline state (states.h) is the fastest holding
 * hb_headline_min_share() of the group's baseline blocks: chosen from the
 * baseline and the run's length alone, so the hooks a run measures do not
 * change it.
 */
#ifndef HB_SPEED_STATES_H
#define HB_SPEED_STATES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "matrix.h"
#include "states.h"

#define HB_NO_STATE UINT_MAX

struct hb_speed_group {
	enum storm_mode mode;
	unsigned threads;
	struct hb_states states; /* states.n == 0: no baseline block with a time */
	unsigned headline;       /* index of the headline state (states.h) in states;
				  * HB_NO_STATE: none held enough of the blocks, all pooled */
};

struct hb_speed {
	size_t ncells;
	struct hb_speed_group *groups; /* one per mode x threads of the run */
	size_t ngroups;
	size_t *group_of;      /* per cell: its group */
	unsigned **pair_state; /* per cell: each pair's state (0 = fastest) or HB_NO_STATE;
				* NULL without pairs */
};

/*
 * Cells take turns within a round, so a state holding a share of a group's
 * baseline blocks holds about that share of every cell's visits. Visits
 * beyond the minimum for a 95% interval a cell should expect in the
 * headline state: a state boundary can cost a cell one.
 */
#define HB_HEADLINE_SPARE_VISITS 2

/*
 * The share of a group's baseline blocks the headline state must hold, for
 * runs of `visits` visits per cell (set by --blocks, not by the hooks):
 * HB_HEADLINE_MIN_SHARE, or more when that share would give a cell fewer
 * than a 95% interval's visits plus HB_HEADLINE_SPARE_VISITS. Short runs
 * thus pool their states rather than report a state without an interval.
 */
double hb_headline_min_share(size_t visits);

/* Find the states of every group and label every pair. Returns 0, -ENOMEM or -EINVAL. */
int hb_speed_compute(struct hb_speed *s, const struct hb_matrix *m);

/* The state of visit r of cell i: its first pair's, or HB_NO_STATE. */
unsigned hb_speed_visit_state(const struct hb_speed *s, const struct hb_matrix *m, size_t i,
			      size_t r);

/*
 * Whether visit r of cell i counts for the figures of `state`: its first
 * pair's baseline block fell in it. With one state or none (or state
 * HB_NO_STATE), every visit counts; in a group of several, a visit whose
 * block has no state counts for none. summary.csv's figures and states.csv's
 * rows both select their visits here.
 */
bool hb_speed_visit_in(const struct hb_speed *s, const struct hb_matrix *m, size_t i, size_t r,
		       unsigned state);

/* Whether visit r of cell i counts for the headline figures: hb_speed_visit_in() its group's headline. */
bool hb_speed_in_headline(const struct hb_speed *s, const struct hb_matrix *m, size_t i,
			  size_t r);

/* The headline state of cell i's group (an index into its states, or HB_NO_STATE). */
unsigned hb_speed_headline_of(const struct hb_speed *s, size_t i);

/* The states of cell i's group. */
const struct hb_states *hb_speed_states_of(const struct hb_speed *s, size_t i);

void hb_speed_free(struct hb_speed *s);

#endif
