// SPDX-License-Identifier: GPL-2.0-only
#include "syscall_programs.h"

#include <json-c/json.h>
#include <stdio.h>

#include "json_read.h"

#define KEY "syscall_path_programs"

size_t hb_syscall_prog_count(struct json_object *meta)
{
	struct json_object *list = hb_jget(meta, KEY);

	return json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;
}

void hb_syscall_prog_get(struct json_object *meta, size_t i, struct hb_syscall_prog *p)
{
	struct json_object *entry = NULL, *id;

	if (i < hb_syscall_prog_count(meta))
		entry = json_object_array_get_idx(hb_jget(meta, KEY), i);
	id = hb_jget(entry, "id");

	if (json_object_is_type(id, json_type_int))
		snprintf(p->id, sizeof(p->id), "%lld", (long long)json_object_get_int64(id));
	else
		snprintf(p->id, sizeof(p->id), "?");
	p->type = hb_jstr(entry, "type", "?");
	p->name = hb_jstr(entry, "name", "?");
	p->attach = hb_jstr(entry, "attach", "?");
}
