// SPDX-License-Identifier: GPL-2.0-only
#include "states.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "stats.h"

#define MIN_VALUES 8
#define MAD_TO_SD 1.4826 /* MAD of a normal distribution is 0.6745 sd */

struct value {
	double v;
	size_t time; /* index in the series */
};

struct group {
	size_t lo, hi; /* range of the sorted values */
};

struct states_work {
	size_t n;
	struct value *sorted;   /* by value */
	double *log;            /* log of sorted[i].v, less the median log (keeps sums small) */
	double *sum, *sum2;     /* prefix sums of log and log², n + 1 each */
	double *scratch;        /* n */
	unsigned char *side;    /* by time: 0 outside the group being cut, 1 lower part, 2 upper */
	size_t min_count;       /* values each part must keep */
};

static int cmp_value(const void *a, const void *b)
{
	const struct value *x = a, *y = b;

	if (x->v != y->v)
		return (x->v > y->v) - (x->v < y->v);
	return (x->time > y->time) - (x->time < y->time);
}

/* Sum of squared deviations from the mean of log[lo..hi). */
static double sse(const struct states_work *w, size_t lo, size_t hi)
{
	double s = w->sum[hi] - w->sum[lo], s2 = w->sum2[hi] - w->sum2[lo];

	return s2 - s * s / (double)(hi - lo);
}

/* Median of log[lo..hi), which is sorted. */
static double sorted_median(const double *v, size_t lo, size_t hi)
{
	size_t m = lo + (hi - lo) / 2;

	return (hi - lo) % 2 ? v[m] : (v[m - 1] + v[m]) / 2.0;
}

/* 1.4826 × the median absolute deviation of log[lo..hi) from its median. */
static double robust_sd(const struct states_work *w, size_t lo, size_t hi)
{
	double med = sorted_median(w->log, lo, hi);

	for (size_t i = lo; i < hi; i++)
		w->scratch[i - lo] = fabs(w->log[i] - med);
	return MAD_TO_SD * hb_median(w->scratch, hi - lo);
}

/*
 * Whether at least half of the part's values have a time neighbour in the
 * same part: a state lasts for many consecutive blocks, while a disturbed
 * block (an interrupt, a migration) stands alone.
 */
static bool persists(const struct states_work *w, size_t lo, size_t hi, unsigned char part)
{
	size_t together = 0;

	for (size_t i = lo; i < hi; i++) {
		size_t t = w->sorted[i].time;

		if ((t > 0 && w->side[t - 1] == part) || (t + 1 < w->n && w->side[t + 1] == part))
			together++;
	}
	return 2 * together >= hi - lo;
}

/*
 * The 2-means cut of group g, if it passes the rules in states.h: *cut is the
 * first value of the upper part, *step the difference of the parts' median logs.
 */
static bool accepted_cut(const struct states_work *w, struct group g, size_t *cut, double *step)
{
	double best = INFINITY, s1, s2, pooled;
	size_t c, n1, n2;

	if (g.hi - g.lo < 2 * w->min_count)
		return false;
	*cut = 0;
	for (c = g.lo + w->min_count; c <= g.hi - w->min_count; c++) {
		double cost;

		if (w->log[c - 1] == w->log[c]) /* equal values stay together */
			continue;
		cost = sse(w, g.lo, c) + sse(w, c, g.hi);
		if (cost < best) {
			best = cost;
			*cut = c;
		}
	}
	if (*cut == 0)
		return false;
	c = *cut;
	*step = sorted_median(w->log, c, g.hi) - sorted_median(w->log, g.lo, c);
	if (*step < log(HB_STATE_MIN_STEP))
		return false;
	n1 = c - g.lo;
	n2 = g.hi - c;
	s1 = robust_sd(w, g.lo, c);
	s2 = robust_sd(w, c, g.hi);
	pooled = sqrt(((double)(n1 - 1) * s1 * s1 + (double)(n2 - 1) * s2 * s2) /
		      (double)(n1 + n2 - 2));
	if (*step < HB_STATE_MIN_SEPARATION * pooled)
		return false;
	for (size_t t = 0; t < w->n; t++)
		w->side[t] = 0;
	for (size_t i = g.lo; i < g.hi; i++)
		w->side[w->sorted[i].time] = i < c ? 1 : 2;
	return persists(w, g.lo, c, 1) && persists(w, c, g.hi, 2);
}

/* Cuts groups[] (ascending, *count of them) until no cut is accepted or HB_MAX_STATES. */
static void split_groups(const struct states_work *w, struct group *groups, size_t *count)
{
	while (*count < HB_MAX_STATES) {
		size_t which = 0, cut = 0, c;
		double widest = -INFINITY, step;

		for (size_t j = 0; j < *count; j++) {
			if (accepted_cut(w, groups[j], &c, &step) && step > widest) {
				widest = step;
				which = j;
				cut = c;
			}
		}
		if (cut == 0)
			return;
		for (size_t j = *count; j > which + 1; j--)
			groups[j] = groups[j - 1];
		groups[which + 1] = (struct group){ cut, groups[which].hi };
		groups[which].hi = cut;
		(*count)++;
	}
}

static int prepare(struct states_work *w, const double *v, size_t n)
{
	double mid;

	w->n = n;
	w->sorted = malloc(n * sizeof(*w->sorted));
	w->log = malloc(n * sizeof(*w->log));
	w->sum = malloc((n + 1) * sizeof(*w->sum));
	w->sum2 = malloc((n + 1) * sizeof(*w->sum2));
	w->scratch = malloc(n * sizeof(*w->scratch));
	w->side = malloc(n);
	if (!w->sorted || !w->log || !w->sum || !w->sum2 || !w->scratch || !w->side)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		w->sorted[i] = (struct value){ v[i], i };
	qsort(w->sorted, n, sizeof(*w->sorted), cmp_value);
	mid = log(w->sorted[n / 2].v);
	w->sum[0] = w->sum2[0] = 0.0;
	for (size_t i = 0; i < n; i++) {
		w->log[i] = log(w->sorted[i].v) - mid;
		w->sum[i + 1] = w->sum[i] + w->log[i];
		w->sum2[i + 1] = w->sum2[i] + w->log[i] * w->log[i];
	}
	w->min_count = (size_t)ceil(HB_STATE_MIN_SHARE * (double)n);
	if (w->min_count < HB_STATE_MIN_COUNT)
		w->min_count = HB_STATE_MIN_COUNT;
	return 0;
}

int hb_speed_states(const double *v, size_t n, struct hb_states *out, unsigned *labels)
{
	struct states_work w = { 0 };
	struct group groups[HB_MAX_STATES] = { { 0, n } };
	size_t count = 1;
	int err;

	if (!v || !out || n == 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]) || v[i] <= 0.0)
			return -EINVAL;
	err = prepare(&w, v, n);
	if (err)
		goto out;
	if (n >= MIN_VALUES)
		split_groups(&w, groups, &count);
	*out = (struct hb_states){ .n = count };
	for (size_t j = 0; j < count; j++) {
		size_t lo = groups[j].lo, hi = groups[j].hi, m = lo + (hi - lo) / 2;

		out->level[j] = (hi - lo) % 2 ? w.sorted[m].v
					      : (w.sorted[m - 1].v + w.sorted[m].v) / 2.0;
		out->low[j] = w.sorted[lo].v;
		out->high[j] = w.sorted[hi - 1].v;
		out->share[j] = (double)(hi - lo) / (double)n;
		for (size_t i = lo; labels && i < hi; i++)
			labels[w.sorted[i].time] = (unsigned)j;
	}
out:
	free(w.sorted);
	free(w.log);
	free(w.sum);
	free(w.sum2);
	free(w.scratch);
	free(w.side);
	return err;
}
