// SPDX-License-Identifier: GPL-2.0-only
/* Speed-state detection on synthetic baseline series whose states are known. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "states.h"
#include "synth.h"
#include "tap.h"

#define ROUNDS 150
#define BLOCKS (2 * ROUNDS) /* B1 and B2 of each visit */
#define SEEDS 100
#define FAST 1083.0
#define SLOW 1410.0

/* Baselines drifting linearly from 1000 to 1200 ns/op, 5% noise. */
static void drifting(struct synth *g, double *v)
{
	for (size_t i = 0; i < BLOCKS; i++)
		v[i] = 1000.0 * (1.0 + 0.2 * (double)i / (BLOCKS - 1)) * (1.0 + 0.05 * synth_normal(g));
}

/* Fast, slow, fast thirds of the run, 2% noise; truth[i] is the state of block i. */
static void two_level(struct synth *g, double *v, unsigned *truth)
{
	for (size_t i = 0; i < BLOCKS; i++) {
		truth[i] = i >= BLOCKS / 3 && i < 2 * BLOCKS / 3;
		v[i] = (truth[i] ? SLOW : FAST) * (1.0 + 0.02 * synth_normal(g));
	}
}

static void test_small_and_bad(void)
{
	double v[] = { FAST, SLOW, FAST, SLOW, FAST, SLOW, FAST, SLOW };
	unsigned labels[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	struct hb_states s;

	TAP_OK(hb_speed_states(v, 7, &s, labels) == 0 && s.n == 1 && labels[6] == 0,
	       "fewer than 8 values: one state");
	TAP_NEAR(s.share[0], 1.0, 0, "one state holds every value");
	TAP_NEAR(s.level[0], FAST, 0, "its level is the median");
	TAP_OK(FAST <= s.low[0] && s.low[0] <= s.high[0] && s.high[0] <= SLOW,
	       "its range lies within the values");
	v[2] = 0.0;
	TAP_OK(hb_speed_states(v, 8, &s, NULL) == -EINVAL, "a zero value is -EINVAL");
	v[2] = NAN;
	TAP_OK(hb_speed_states(v, 8, &s, NULL) == -EINVAL, "a NaN value is -EINVAL");
	TAP_OK(hb_speed_states(v, 0, &s, NULL) == -EINVAL, "no values is -EINVAL");
}

static void test_drift(void)
{
	struct synth g = { 3 };
	double v[BLOCKS];
	struct hb_states s;
	int one = 0;

	for (int seed = 0; seed < SEEDS; seed++) {
		drifting(&g, v);
		hb_speed_states(v, BLOCKS, &s, NULL);
		one += s.n == 1;
	}
	TAP_OK(one == SEEDS, "20%% linear drift, 5%% noise: one state in %d of %d series", one, SEEDS);
}

static void test_two_levels(void)
{
	struct synth g = { 5 };
	double v[BLOCKS];
	unsigned truth[BLOCKS], labels[BLOCKS];
	struct hb_states s;
	int two = 0, levels = 0, shares = 0, labelled = 0;
	size_t worst = BLOCKS;

	for (int seed = 0; seed < SEEDS; seed++) {
		size_t right = 0;

		two_level(&g, v, truth);
		hb_speed_states(v, BLOCKS, &s, labels);
		if (s.n != 2)
			continue;
		two++;
		levels += fabs(s.level[0] / FAST - 1) < 0.02 && fabs(s.level[1] / SLOW - 1) < 0.02;
		shares += fabs(s.share[0] - 2.0 / 3.0) < 0.02 && fabs(s.share[1] - 1.0 / 3.0) < 0.02;
		for (size_t i = 0; i < BLOCKS; i++)
			right += labels[i] == truth[i];
		labelled += right >= 0.95 * BLOCKS;
		worst = right < worst ? right : worst;
	}
	printf("# two levels: fewest blocks labelled right in a series: %zu of %d\n", worst, BLOCKS);
	TAP_OK(two == SEEDS, "1083/1410 fast-slow-fast: two states in %d of %d series", two, SEEDS);
	TAP_OK(levels == two, "levels within 2%% of 1083 and 1410");
	TAP_OK(shares == two, "shares 2/3 and 1/3 within 0.02");
	TAP_OK(labelled == two, "at least 95%% of blocks labelled right");
	TAP_OK(s.low[0] <= s.level[0] && s.level[0] <= s.high[0] && s.high[0] < s.low[1],
	       "states are ordered ranges around their levels");
}

/* One level (2% noise) with single-block outliers at every `every`-th block, `factor` slower. */
static void with_outliers(struct synth *g, double *v, size_t every, double factor)
{
	for (size_t i = 0; i < BLOCKS; i++)
		v[i] = FAST * (1.0 + 0.02 * synth_normal(g)) * (i % every == every / 2 ? factor : 1.0);
}

static void test_outliers(void)
{
	struct synth g = { 11 };
	double v[BLOCKS];
	unsigned truth[BLOCKS], labels[BLOCKS];
	struct hb_states s;
	size_t right = 0;

	with_outliers(&g, v, 50, 1.4);
	hb_speed_states(v, BLOCKS, &s, NULL);
	TAP_OK(s.n == 1, "6 single-block outliers (2%%) 40%% slower: one state (got %zu)", s.n);
	with_outliers(&g, v, 15, 1.4);
	hb_speed_states(v, BLOCKS, &s, NULL);
	TAP_OK(s.n == 1, "20 single-block outliers (6.7%%): still one state, they do not persist (got %zu)", s.n);
	two_level(&g, v, truth);
	for (size_t i = 7; i < BLOCKS; i += 15)
		v[i] *= 2.0;
	hb_speed_states(v, BLOCKS, &s, labels);
	TAP_OK(s.n == 2 && fabs(s.level[0] / FAST - 1) < 0.02 && fabs(s.level[1] / SLOW - 1) < 0.03,
	       "two levels with 20 outliers twice as slow: two states near 1083 and 1410 (got %zu)", s.n);
	TAP_OK(s.n == 2 && s.high[0] < s.low[1] && s.high[1] < 2.0 * FAST,
	       "the outliers stretch neither range: the two ranges do not overlap");
	for (size_t i = 0; i < BLOCKS; i++) {
		right += labels[i] == truth[i];
		if (labels[i] != truth[i])
			printf("# block %zu labelled %u\n", i, labels[i]);
	}
	/* an outlier next to a state change can move the change by a block */
	TAP_OK(right >= BLOCKS - 4, "an outlier takes the state of the blocks around it (%zu of %d right)",
	       right, BLOCKS);
}

static void test_other_levels(void)
{
	struct synth g = { 13 };
	double v[BLOCKS];
	struct hb_states s;

	for (size_t i = 0; i < BLOCKS; i++) {
		double level = i < BLOCKS / 4 ? FAST : i < BLOCKS / 2 ? SLOW : i < 3 * BLOCKS / 4 ? 1850.0 : FAST;

		v[i] = level * (1.0 + 0.02 * synth_normal(&g));
	}
	hb_speed_states(v, BLOCKS, &s, NULL);
	TAP_OK(s.n == 3 && fabs(s.level[2] / 1850.0 - 1) < 0.02 && fabs(s.share[0] - 0.5) < 0.02,
	       "three levels 1083/1410/1850: three states, the fast one half the run (got %zu)", s.n);
	for (size_t i = 0; i < BLOCKS; i++)
		v[i] = (i < BLOCKS / 2 ? FAST : 1.05 * FAST) * (1.0 + 0.005 * synth_normal(&g));
	hb_speed_states(v, BLOCKS, &s, NULL);
	TAP_OK(s.n == 1, "a clean 5%% level shift is drift, not a state (got %zu)", s.n);
}

int main(void)
{
	test_small_and_bad();
	test_drift();
	test_two_levels();
	test_outliers();
	test_other_levels();
	return tap_done();
}
