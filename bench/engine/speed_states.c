// SPDX-License-Identifier: GPL-2.0-only
#include "speed_states.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "run_opts.h"
#include "stats.h"

/* One baseline block of the group: when it ran, its ns/op and the pair it belongs to. */
struct sample {
	uint64_t seq;
	double ns_per_op;
	size_t cell, pair;
};

static int by_seq(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

static size_t group_index(struct hb_speed *s, const struct hb_cell *c)
{
	for (size_t g = 0; g < s->ngroups; g++)
		if (s->groups[g].mode == c->mode && s->groups[g].threads == c->threads)
			return g;
	s->groups[s->ngroups] = (struct hb_speed_group){ .mode = c->mode, .threads = c->threads };
	return s->ngroups++;
}

/* Samples of group g from every cell, in time order. Returns how many. */
static size_t gather(const struct hb_speed *s, const struct hb_matrix *m, size_t g,
		     struct sample *out)
{
	size_t n = 0;

	for (size_t i = 0; i < m->n; i++) {
		const struct hb_cell *c = &m->cells[i];

		if (s->group_of[i] != g)
			continue;
		for (size_t p = 0; p < c->npairs; p++)
			if (isfinite(c->baseline[p]) && c->baseline[p] > 0)
				out[n++] = (struct sample){ .seq = c->baseline_seq[p],
							    .ns_per_op = c->baseline[p],
							    .cell = i, .pair = p };
	}
	qsort(out, n, sizeof(*out), by_seq);
	return n;
}

double hb_headline_min_share(size_t visits)
{
	double enough = visits ? (double)(hb_median_ci_min_n(HB_CONFIDENCE) + HB_HEADLINE_SPARE_VISITS) /
				 (double)visits
			       : INFINITY;

	return enough > HB_HEADLINE_MIN_SHARE ? enough : HB_HEADLINE_MIN_SHARE;
}

/*
 * The fastest state of a group holding hb_headline_min_share() of its
 * baseline blocks; HB_NO_STATE (every visit counts) when none does. The
 * baseline alone decides: which hooks ran, and how many of their visits
 * fell in the state, must not move another hook's figure to another state.
 */
static unsigned headline_state(const struct hb_states *st, size_t visits)
{
	for (unsigned k = 0; k < st->n; k++)
		if (st->share[k] >= hb_headline_min_share(visits))
			return k;
	return HB_NO_STATE;
}

static int label_group(struct hb_speed *s, const struct hb_matrix *m, size_t g,
		       struct sample *samples, double *values, unsigned *labels)
{
	size_t n = gather(s, m, g, samples);
	int err;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		values[i] = samples[i].ns_per_op;
	err = hb_speed_states(values, n, &s->groups[g].states, labels);
	for (size_t i = 0; i < n && !err; i++)
		s->pair_state[samples[i].cell][samples[i].pair] = labels[i];
	if (!err)
		s->groups[g].headline = headline_state(&s->groups[g].states, m->nrounds);
	return err;
}

int hb_speed_compute(struct hb_speed *s, const struct hb_matrix *m)
{
	size_t total = 0;
	struct sample *samples = NULL;
	double *values = NULL;
	unsigned *labels = NULL;
	int err = -ENOMEM;

	memset(s, 0, sizeof(*s));
	s->groups = calloc(m->n ? m->n : 1, sizeof(*s->groups));
	s->group_of = calloc(m->n ? m->n : 1, sizeof(*s->group_of));
	s->pair_state = calloc(m->n ? m->n : 1, sizeof(*s->pair_state));
	if (!s->groups || !s->group_of || !s->pair_state)
		goto out;
	s->ncells = m->n;
	for (size_t i = 0; i < m->n; i++) {
		s->group_of[i] = group_index(s, &m->cells[i]);
		total += m->cells[i].npairs;
		if (m->cells[i].npairs) {
			s->pair_state[i] = malloc(m->cells[i].npairs * sizeof(unsigned));
			if (!s->pair_state[i])
				goto out;
			for (size_t p = 0; p < m->cells[i].npairs; p++)
				s->pair_state[i][p] = HB_NO_STATE;
		}
	}
	samples = malloc((total ? total : 1) * sizeof(*samples));
	values = malloc((total ? total : 1) * sizeof(*values));
	labels = malloc((total ? total : 1) * sizeof(*labels));
	if (!samples || !values || !labels)
		goto out;
	err = 0;
	for (size_t g = 0; g < s->ngroups && !err; g++)
		err = label_group(s, m, g, samples, values, labels);
out:
	free(samples);
	free(values);
	free(labels);
	return err;
}

unsigned hb_speed_visit_state(const struct hb_speed *s, const struct hb_matrix *m, size_t i,
			      size_t r)
{
	size_t pair = 2 * r; /* a visit records two pairs; only the run's last may have one */

	return pair < m->cells[i].npairs ? s->pair_state[i][pair] : HB_NO_STATE;
}

bool hb_speed_visit_in(const struct hb_speed *s, const struct hb_matrix *m, size_t i, size_t r,
		       unsigned state)
{
	const struct hb_speed_group *g = &s->groups[s->group_of[i]];

	if (g->states.n <= 1 || state == HB_NO_STATE)
		return true;
	return hb_speed_visit_state(s, m, i, r) == state;
}

bool hb_speed_in_headline(const struct hb_speed *s, const struct hb_matrix *m, size_t i,
			  size_t r)
{
	return hb_speed_visit_in(s, m, i, r, hb_speed_headline_of(s, i));
}

unsigned hb_speed_headline_of(const struct hb_speed *s, size_t i)
{
	return s->groups[s->group_of[i]].headline;
}

const struct hb_states *hb_speed_states_of(const struct hb_speed *s, size_t i)
{
	return &s->groups[s->group_of[i]].states;
}

void hb_speed_free(struct hb_speed *s)
{
	for (size_t i = 0; s->pair_state && i < s->ncells; i++)
		free(s->pair_state[i]);
	free(s->pair_state);
	free(s->group_of);
	free(s->groups);
	memset(s, 0, sizeof(*s));
}
