// SPDX-License-Identifier: GPL-2.0-only
#include "matrix.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct hb_hook hb_control_hook = {
	.name = "none",
	.family = "",
	.prog = "",
	.stability = "nothing attached (the control)",
};

size_t hb_rounds_for_blocks(uint64_t blocks)
{
	return (size_t)((blocks + 1) / 2);
}

static int alloc_measures(struct hb_cell *c, const struct run_opts *o, size_t nrounds)
{
	c->baseline = calloc(o->blocks, sizeof(double));
	c->hooked = calloc(o->blocks, sizeof(double));
	c->attach_ns = calloc(o->blocks, sizeof(double));
	c->baseline_seq = calloc(o->blocks, sizeof(uint64_t));
	c->visit_diff = calloc(nrounds, sizeof(double));
	if (!c->baseline || !c->hooked || !c->attach_ns || !c->baseline_seq || !c->visit_diff)
		return -ENOMEM;
	for (size_t r = 0; r < nrounds; r++)
		c->visit_diff[r] = NAN;
	return 0;
}

/* A user's program (--object) runs as it is: one cell per mode x threads, no payloads. */
static int add_hook_cells(struct hb_matrix *m, const struct run_opts *o,
			  const struct hb_probe_env *env, const struct hb_hook *hook)
{
	size_t npayloads = hook->object ? 1 : o->npayloads;
	struct hb_support hook_sup;

	hb_probe_hook(env, hook, HB_PAYLOAD_COUNT, &hook_sup);
	hb_probe_hook_by_loading(env, hook, &hook_sup);
	for (size_t p = 0; p < npayloads; p++) {
		for (size_t k = 0; k < o->nmodes * o->nthreads; k++) {
			struct hb_cell *c = &m->cells[m->n++];

			c->hook = hook;
			c->payload = hook->object ? HB_PAYLOAD_COUNT : (enum hb_payload)o->payloads[p];
			c->mode = (enum storm_mode)o->modes[k / o->nthreads];
			c->threads = o->threads[k % o->nthreads];
			if (alloc_measures(c, o, m->nrounds))
				return -ENOMEM;
			if (hook_sup.supported) {
				hb_probe_hook(env, c->hook, c->payload, &c->support);
				c->support.offset = hook_sup.offset;
			} else {
				c->support = hook_sup;
			}
			if (!c->support.supported) {
				c->state = HB_CELL_UNSUPPORTED;
				snprintf(c->reason, sizeof(c->reason), "%s", c->support.reason);
			}
		}
	}
	return 0;
}

static int add_control_cells(struct hb_matrix *m, const struct run_opts *o)
{
	for (size_t k = 0; k < o->nmodes * o->nthreads; k++) {
		struct hb_cell *c = &m->cells[m->n++];

		c->hook = &hb_control_hook;
		c->control = true;
		c->mode = (enum storm_mode)o->modes[k / o->nthreads];
		c->threads = o->threads[k % o->nthreads];
		c->support.supported = true;
		if (alloc_measures(c, o, m->nrounds))
			return -ENOMEM;
	}
	return 0;
}

int hb_matrix_init(struct hb_matrix *m, const struct run_opts *o,
		   const struct hb_probe_env *env)
{
	size_t per_hook = o->npayloads * o->nmodes * o->nthreads;
	size_t n = o->nhooks * per_hook + o->nobjects * o->nmodes * o->nthreads +
		   (o->control ? o->nmodes * o->nthreads : 0);
	int err = 0;

	m->n = 0;
	m->reference = NULL;
	m->nrounds = hb_rounds_for_blocks(o->blocks);
	m->cells = calloc(n, sizeof(*m->cells));
	if (!m->cells)
		return -ENOMEM;
	for (size_t h = 0; h < o->nhooks && !err; h++)
		err = add_hook_cells(m, o, env, &hb_hooks[o->hooks[h]]);
	for (size_t k = 0; k < o->nobjects && !err; k++)
		err = add_hook_cells(m, o, env, &o->objects[k]);
	if (!err && o->control)
		err = add_control_cells(m, o);
	return err;
}

void hb_matrix_mark_unsupported(struct hb_matrix *m, enum storm_mode mode, const char *why)
{
	for (size_t i = 0; i < m->n; i++) {
		struct hb_cell *c = &m->cells[i];

		if (c->mode != mode || c->state != HB_CELL_PENDING)
			continue;
		c->state = HB_CELL_UNSUPPORTED;
		snprintf(c->reason, sizeof(c->reason), "%s", why);
	}
}

/*
 * A load the verifier refuses names its last line. With deny that is the
 * kernel's answer for kinds whose return value must be 0: unsupported, not
 * an error of the run.
 */
static void load_cell(struct hb_cell *c, const struct run_opts *o,
		      const struct hb_probe_env *env)
{
	char why[256], verifier[400] = "";
	struct hb_session_opts so = {
		.hook = c->hook,
		.payload = c->payload,
		.target = c->support.target,
		.offset = c->support.offset,
		.tgid = getpid(),
		.btf_path = o->btf,
		.btf = env->btf,
		.verifier_line = verifier,
		.verifier_line_len = sizeof(verifier),
	};

	if (!hb_session_open(&so, &c->session, why, sizeof(why))) {
		c->loads++;
		return;
	}
	c->state = c->payload == HB_PAYLOAD_DENY && verifier[0] ? HB_CELL_UNSUPPORTED : HB_CELL_ERROR;
	if (verifier[0])
		snprintf(c->reason, sizeof(c->reason), "%s; the verifier rejected it: %s", why, verifier);
	else
		snprintf(c->reason, sizeof(c->reason), "%s", why);
}

void hb_matrix_load(struct hb_matrix *m, const struct run_opts *o,
		    const struct hb_probe_env *env)
{
	for (size_t i = 0; i < m->n; i++) {
		struct hb_cell *c = &m->cells[i];

		if (c->state == HB_CELL_PENDING && !c->control)
			load_cell(c, o, env);
	}
}

/* What one load of a cell counted, added to the loads before it. */
static void add_counters(struct hb_counters *sum, const struct hb_counters *part)
{
	sum->events += part->events;
	sum->capture_errors += part->capture_errors;
	sum->ringbuf_drops += part->ringbuf_drops;
	sum->ringbuf_consumed += part->ringbuf_consumed;
	sum->run_cnt += part->run_cnt;
	sum->run_time_ns += part->run_time_ns;
	sum->recursion_misses += part->recursion_misses;
	sum->nmissed += part->nmissed;
	sum->nmissed_valid = part->nmissed_valid;
	sum->nmissed_reason = part->nmissed_reason;
	if (part->sample_name_len || part->sample_name[0]) {
		sum->sample_pid = part->sample_pid;
		sum->sample_tgid = part->sample_tgid;
		sum->sample_name_len = part->sample_name_len;
		memcpy(sum->sample_name, part->sample_name, sizeof(sum->sample_name));
	}
}

int hb_cell_counters(struct hb_cell *c, struct hb_counters *sum)
{
	struct hb_counters now;
	int err;

	*sum = c->closed;
	if (!c->session)
		return -ENOENT;
	err = hb_session_read(c->session, &now);
	if (!err)
		add_counters(sum, &now);
	return err;
}

void hb_matrix_reload(struct hb_matrix *m, const struct run_opts *o,
		      const struct hb_probe_env *env)
{
	for (size_t i = 0; i < m->n; i++) {
		struct hb_cell *c = &m->cells[i];
		struct hb_counters sum;

		if (c->state != HB_CELL_PENDING || !c->session)
			continue;
		if (hb_cell_counters(c, &sum) == 0)
			c->closed = sum;
		else
			c->counts_lost = true;
		hb_session_close(c->session);
		c->session = NULL;
		load_cell(c, o, env);
	}
}

static bool hook_loaded(const struct hb_matrix *m, const struct hb_hook *hook)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->cells[i].hook == hook && m->cells[i].state == HB_CELL_PENDING)
			return true;
	return false;
}

void hb_matrix_pick_reference(struct hb_matrix *m, const struct run_opts *o)
{
	m->reference = NULL;
	if (hook_loaded(m, &hb_hooks[o->reference])) {
		m->reference = &hb_hooks[o->reference];
		return;
	}
	for (size_t h = 0; h < o->nhooks && !m->reference; h++)
		if (hook_loaded(m, &hb_hooks[o->hooks[h]]))
			m->reference = &hb_hooks[o->hooks[h]];
}

void hb_matrix_free(struct hb_matrix *m)
{
	for (size_t i = 0; i < m->n; i++) {
		hb_session_close(m->cells[i].session);
		free(m->cells[i].baseline);
		free(m->cells[i].hooked);
		free(m->cells[i].attach_ns);
		free(m->cells[i].baseline_seq);
		free(m->cells[i].visit_diff);
	}
	free(m->cells);
	m->cells = NULL;
	m->n = 0;
}

const char *hb_cell_state_name(const struct hb_cell *c)
{
	switch (c->state) {
	case HB_CELL_UNSUPPORTED: return "unsupported";
	case HB_CELL_ERROR: return "error";
	case HB_CELL_PENDING: return "interrupted";
	case HB_CELL_OK: return "ok";
	}
	return "error";
}

const struct hb_cell *hb_matrix_find(const struct hb_matrix *m, const struct hb_hook *hook,
				     enum hb_payload payload, const struct hb_cell *c)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct hb_cell *o = &m->cells[i];

		if (o->hook == hook && !o->control && o->payload == payload && o->mode == c->mode &&
		    o->threads == c->threads)
			return o;
	}
	return NULL;
}

const char *hb_cell_payload_name(const struct hb_cell *c)
{
	if (c->control)
		return "none";
	return c->hook->object ? HB_OBJECT_PAYLOAD : hb_payload_names[c->payload];
}
