// SPDX-License-Identifier: GPL-2.0-only
#include "matrix.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int hb_matrix_init(struct hb_matrix *m, const struct run_opts *o,
		   const struct hb_probe_env *env)
{
	size_t n = o->nhooks * o->npayloads * o->nmodes * o->nthreads, i = 0;

	m->n = 0;
	m->cells = calloc(n, sizeof(*m->cells));
	if (!m->cells)
		return -ENOMEM;
	for (size_t h = 0; h < o->nhooks; h++) {
		struct hb_support hook_sup;

		hb_probe_hook(env, &hb_hooks[o->hooks[h]], HB_PAYLOAD_COUNT, &hook_sup);
		hb_probe_hook_by_loading(env, &hb_hooks[o->hooks[h]], &hook_sup);
		for (size_t p = 0; p < o->npayloads; p++) {
			for (size_t k = 0; k < o->nmodes * o->nthreads; k++, i++) {
				struct hb_cell *c = &m->cells[i];

				m->n++;
				c->hook = &hb_hooks[o->hooks[h]];
				c->payload = (enum hb_payload)o->payloads[p];
				c->mode = (enum storm_mode)o->modes[k / o->nthreads];
				c->threads = o->threads[k % o->nthreads];
				c->baseline = calloc(o->blocks, sizeof(double));
				c->hooked = calloc(o->blocks, sizeof(double));
				c->attach_ns = calloc(o->blocks + o->warmup + o->stats_blocks,
						      sizeof(double));
				if (!c->baseline || !c->hooked || !c->attach_ns)
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
	}
	return 0;
}

void hb_matrix_load(struct hb_matrix *m, const struct run_opts *o,
		    const struct hb_probe_env *env)
{
	for (size_t i = 0; i < m->n; i++) {
		struct hb_cell *c = &m->cells[i];
		struct hb_session_opts so = {
			.hook = c->hook,
			.payload = c->payload,
			.target = c->support.target,
			.offset = c->support.offset,
			.tgid = getpid(),
			.btf_path = o->btf,
			.btf = env->btf,
		};

		if (c->state != HB_CELL_PENDING)
			continue;
		if (hb_session_open(&so, &c->session, c->reason, sizeof(c->reason)))
			c->state = HB_CELL_ERROR;
	}
}

void hb_matrix_free(struct hb_matrix *m)
{
	for (size_t i = 0; i < m->n; i++) {
		hb_session_close(m->cells[i].session);
		free(m->cells[i].baseline);
		free(m->cells[i].hooked);
		free(m->cells[i].attach_ns);
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
