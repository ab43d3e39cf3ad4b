// SPDX-License-Identifier: GPL-2.0-only
#include "states.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "stats.h"

#define MIN_VALUES 8
#define MAD_TO_SD 1.4826 /* the MAD of a normal distribution is 0.6745 sd */

_Static_assert(HB_STATE_SMOOTH % 2 == 1, "the running median is centred on its block");

struct level {
	double v;    /* running median of the raw values around time */
	size_t time; /* index in the series */
};

struct states_work {
	size_t n;
	struct level *sorted;  /* by v */
	double *log;           /* log of sorted[i].v, less the median log (keeps sums small) */
	double *sum, *sum2;    /* prefix sums of log and log², n + 1 each */
	double *cost;          /* cost[k * (n + 1) + j]: least SSE of log[0..j) in k + 1 groups */
	size_t *from;          /* where that partition's last group starts */
	double *scratch;       /* n */
	unsigned *state;       /* by time */
	size_t min_count;      /* values each group must hold */
};

static int cmp_level(const void *a, const void *b)
{
	const struct level *x = a, *y = b;

	if (x->v != y->v)
		return (x->v > y->v) - (x->v < y->v);
	return (x->time > y->time) - (x->time < y->time);
}

/* Median of v[first..end) clipped to [0, n), for a window of up to HB_STATE_SMOOTH values. */
static double window_median(const double *v, size_t n, size_t first, size_t end)
{
	double w[HB_STATE_SMOOTH];
	size_t m = 0;

	for (size_t i = first; i < end && i < n; i++)
		w[m++] = v[i];
	return hb_median(w, m);
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

/* Whether neighbouring groups log[lo..mid) and log[mid..hi) are different states. */
static bool distinct(const struct states_work *w, size_t lo, size_t mid, size_t hi)
{
	double step = sorted_median(w->log, mid, hi) - sorted_median(w->log, lo, mid);
	double s1 = robust_sd(w, lo, mid), s2 = robust_sd(w, mid, hi);
	double n1 = (double)(mid - lo), n2 = (double)(hi - mid);
	double pooled = sqrt(((n1 - 1.0) * s1 * s1 + (n2 - 1.0) * s2 * s2) / (n1 + n2 - 2.0));

	return step >= log(HB_STATE_MIN_STEP) && step >= HB_STATE_MIN_SEPARATION * pooled;
}

/*
 * Exact k-means of the sorted logs for every k <= HB_MAX_STATES: groups are
 * ranges of the sorted values, of at least min_count values, never cut
 * between equal values.
 */
static void partition(struct states_work *w)
{
	size_t n = w->n, stride = n + 1, m = w->min_count;

	for (size_t j = 0; j <= n; j++) {
		w->cost[j] = j >= m ? sse(w, 0, j) : INFINITY;
		w->from[j] = 0;
	}
	for (size_t k = 1; k < HB_MAX_STATES; k++) {
		const double *prev = w->cost + (k - 1) * stride;
		double *cost = w->cost + k * stride;
		size_t *from = w->from + k * stride;

		for (size_t j = 0; j <= n; j++) {
			cost[j] = INFINITY;
			from[j] = 0;
			for (size_t i = m; i + m <= j; i++) {
				double c;

				if (!isfinite(prev[i]) || w->log[i - 1] == w->log[i])
					continue;
				c = prev[i] + sse(w, i, j);
				if (c < cost[j]) {
					cost[j] = c;
					from[j] = i;
				}
			}
		}
	}
}

/* The starts of the k groups of the best k-partition into starts[], if it exists and its neighbours are distinct. */
static bool states_hold(const struct states_work *w, size_t k, size_t *starts)
{
	size_t end = w->n, stride = w->n + 1;

	if (!isfinite(w->cost[(k - 1) * stride + end]))
		return false;
	for (size_t g = k; g-- > 0;) {
		starts[g] = w->from[g * stride + end];
		end = starts[g];
	}
	for (size_t g = 0; g + 1 < k; g++)
		if (!distinct(w, starts[g], starts[g + 1], g + 2 < k ? starts[g + 2] : w->n))
			return false;
	return true;
}

static int prepare(struct states_work *w, const double *v, size_t n)
{
	size_t half = HB_STATE_SMOOTH / 2;
	double mid;

	w->n = n;
	w->sorted = malloc(n * sizeof(*w->sorted));
	w->log = malloc(n * sizeof(*w->log));
	w->sum = malloc((n + 1) * sizeof(*w->sum));
	w->sum2 = malloc((n + 1) * sizeof(*w->sum2));
	w->cost = malloc(HB_MAX_STATES * (n + 1) * sizeof(*w->cost));
	w->from = malloc(HB_MAX_STATES * (n + 1) * sizeof(*w->from));
	w->scratch = malloc(n * sizeof(*w->scratch));
	w->state = malloc(n * sizeof(*w->state));
	if (!w->sorted || !w->log || !w->sum || !w->sum2 || !w->cost || !w->from || !w->scratch ||
	    !w->state)
		return -ENOMEM;
	for (size_t t = 0; t < n; t++)
		w->sorted[t] = (struct level){ window_median(v, n, t > half ? t - half : 0, t + half + 1), t };
	qsort(w->sorted, n, sizeof(*w->sorted), cmp_level);
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

/*
 * out's share from the values of each state; its level and range from the
 * smoothed levels that were clustered, so levels keep the states' order and
 * ranges never overlap (raw outliers inside a state, as noisy as very short
 * blocks are, could put its raw median past a neighbour's).
 */
static void describe(const struct states_work *w, size_t count, struct hb_states *out)
{
	*out = (struct hb_states){ .n = count };
	for (size_t j = 0; j < count; j++) {
		size_t m = 0;

		for (size_t i = 0; i < w->n; i++)
			if (w->state[w->sorted[i].time] == j)
				w->scratch[m++] = w->sorted[i].v;
		out->level[j] = hb_median(w->scratch, m);
		out->share[j] = (double)m / (double)w->n;
		out->low[j] = INFINITY;
		out->high[j] = -INFINITY;
	}
	for (size_t i = 0; i < w->n; i++) {
		unsigned j = w->state[w->sorted[i].time];

		if (w->sorted[i].v < out->low[j])
			out->low[j] = w->sorted[i].v;
		if (w->sorted[i].v > out->high[j])
			out->high[j] = w->sorted[i].v;
	}
}

int hb_speed_states(const double *v, size_t n, struct hb_states *out, unsigned *labels)
{
	struct states_work w = { 0 };
	size_t starts[HB_MAX_STATES] = { 0 }, count = 1;
	int err;

	if (!v || !out || n == 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]) || v[i] <= 0.0)
			return -EINVAL;
	err = prepare(&w, v, n);
	if (err)
		goto out;
	if (n >= MIN_VALUES) {
		partition(&w);
		for (size_t k = HB_MAX_STATES; k >= 2 && count == 1; k--)
			if (states_hold(&w, k, starts))
				count = k;
	}
	for (size_t g = 0, i = 0; i < n; i++) {
		if (g + 1 < count && i == starts[g + 1])
			g++;
		w.state[w.sorted[i].time] = (unsigned)g;
	}
	describe(&w, count, out);
	for (size_t t = 0; labels && t < n; t++)
		labels[t] = w.state[t];
out:
	free(w.sorted);
	free(w.log);
	free(w.sum);
	free(w.sum2);
	free(w.cost);
	free(w.from);
	free(w.scratch);
	free(w.state);
	return err;
}
