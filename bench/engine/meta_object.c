// SPDX-License-Identifier: GPL-2.0-only
/* meta.json: the user's object (--object), its settings and the rows it made. */
#include "meta.h"

#include <stdio.h>

#include "json.h"
#include "object.h"

void hb_meta_write_object(struct hb_json *j, const struct hb_meta *m)
{
	const struct run_opts *o = m->opts;
	const struct hb_object_opts *oo;
	char crc[16];

	if (!o->nobjects) {
		hb_json_null(j, "object");
		return;
	}
	oo = o->objects[0].object->opts;
	hb_json_object_begin(j, "object");
	hb_json_string(j, "path", oo->path);
	snprintf(crc, sizeof(crc), "%08x", (unsigned)o->objects[0].object->crc32);
	hb_json_string(j, "crc32", crc);
	hb_json_object_begin(j, "set");
	for (size_t i = 0; i < oo->nsets; i++)
		hb_json_string(j, oo->sets[i].name, oo->sets[i].value);
	hb_json_object_end(j);
	hb_json_string(j, "set_pid", oo->set_pid);
	hb_json_string(j, "attach_symbol", oo->attach_symbol);
	hb_json_array_begin(j, "rows");
	for (size_t i = 0; i < o->nobjects; i++) {
		const struct hb_object_prog *p = o->objects[i].object;

		hb_json_object_begin(j, NULL);
		hb_json_string(j, "name", o->objects[i].name);
		hb_json_string(j, "program", p->prog);
		hb_json_string(j, "section", p->section);
		hb_json_string(j, "prog_type", p->kind);
		hb_json_string(j, "expected_attach_type", p->attach_type);
		hb_json_object_end(j);
	}
	hb_json_array_end(j);
	hb_json_object_end(j);
}
