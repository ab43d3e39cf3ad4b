// SPDX-License-Identifier: GPL-2.0-only
/* meta.json: the foreign programs found and whether another measurement ran meanwhile. */
#include "meta.h"

#include "foreign.h"
#include "json.h"

static void write_prog(struct hb_json *j, const struct hb_foreign *f,
		       const struct hb_foreign_prog *p)
{
	uint64_t from, to;

	hb_json_object_begin(j, NULL);
	hb_json_u64(j, "id", p->p.id);
	hb_json_string(j, "type", p->p.type);
	hb_json_string(j, "name", p->p.name);
	hb_json_string(j, "attach", p->p.attach);
	if (p->owner.pid) {
		hb_json_i64(j, "pid", p->owner.pid);
		hb_json_string(j, "comm", p->owner.comm);
	} else {
		hb_json_null(j, "pid");
		hb_json_null(j, "comm");
	}
	if (p->mid_run) {
		hb_json_string(j, "first_seen", p->first_seen);
		hb_json_u64(j, "first_seen_before_round", p->first_check);
		if (hb_foreign_rounds(f, p, &from, &to)) {
			hb_json_u64(j, "rounds_from", from);
			hb_json_u64(j, "rounds_to", to);
		} else {
			hb_json_null(j, "rounds_from");
			hb_json_null(j, "rounds_to");
		}
	}
	hb_json_object_end(j);
}

void hb_meta_write_foreign(struct hb_json *j, const struct hb_meta *m)
{
	const struct hb_foreign *f = m->foreign;

	hb_json_bool(j, "allow_foreign", m->opts->allow_foreign);
	if (!f) {
		hb_json_null(j, "foreign_programs");
		hb_json_null(j, "foreign_programs_mid_run");
	} else {
		hb_json_array_begin(j, "foreign_programs");
		for (size_t i = 0; i < f->nstart; i++)
			write_prog(j, f, &f->progs[i]);
		hb_json_array_end(j);
		hb_json_array_begin(j, "foreign_programs_mid_run");
		for (size_t i = f->nstart; i < f->n; i++)
			write_prog(j, f, &f->progs[i]);
		hb_json_array_end(j);
	}
	hb_json_bool(j, "concurrent_allowed", m->opts->allow_concurrent);
	if (!m->concurrent_holder_pid) {
		hb_json_null(j, "concurrent_holder");
		return;
	}
	hb_json_object_begin(j, "concurrent_holder");
	hb_json_i64(j, "pid", m->concurrent_holder_pid);
	hb_json_string(j, "command", m->concurrent_holder_cmd);
	hb_json_object_end(j);
}
