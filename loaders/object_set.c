// SPDX-License-Identifier: GPL-2.0-only
#include "object_set.h"

#include <bpf/btf.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hb_object_parse_set(const char *arg, struct hb_object_set *out)
{
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : 0;

	if (!eq || !n || n >= sizeof(out->name) || !eq[1] || strlen(eq + 1) >= sizeof(out->value))
		return -EINVAL;
	if (!isalpha((unsigned char)arg[0]) && arg[0] != '_')
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)arg[i]) && arg[i] != '_')
			return -EINVAL;
	snprintf(out->name, sizeof(out->name), "%.*s", (int)n, arg);
	snprintf(out->value, sizeof(out->value), "%s", eq + 1);
	return 0;
}

int hb_object_int_value(const char *value, size_t size, bool is_signed, void *out)
{
	unsigned bits = (unsigned)size * 8;
	char *end;
	uint64_t u;
	int64_t s;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return -EINVAL;
	if (!strcmp(value, "true") || !strcmp(value, "false")) {
		u = value[0] == 't';
	} else if (is_signed) {
		errno = 0;
		s = strtoll(value, &end, 0);
		if (errno || end == value || *end)
			return errno == ERANGE ? -ERANGE : -EINVAL;
		if (bits < 64 && (s < -(INT64_C(1) << (bits - 1)) || s >= (INT64_C(1) << (bits - 1))))
			return -ERANGE;
		u = (uint64_t)s;
	} else {
		errno = 0;
		if (value[0] == '-')
			return -ERANGE;
		u = strtoull(value, &end, 0);
		if (errno || end == value || *end)
			return errno == ERANGE ? -ERANGE : -EINVAL;
		if (bits < 64 && u >> bits)
			return -ERANGE;
	}
	switch (size) {
	case 1: *(uint8_t *)out = (uint8_t)u; break;
	case 2: *(uint16_t *)out = (uint16_t)u; break;
	case 4: *(uint32_t *)out = (uint32_t)u; break;
	default: *(uint64_t *)out = u; break;
	}
	return 0;
}

/* The object's .rodata map (not .rodata.str1.1 and the like), or NULL. */
static struct bpf_map *rodata_map(struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj) {
		const char *name = bpf_map__name(map);
		size_t n = strlen(name);

		if (bpf_map__is_internal(map) && n >= 7 && !strcmp(name + n - 7, ".rodata"))
			return map;
	}
	return NULL;
}

/* One global of the .rodata section, from the object's BTF. */
struct global {
	uint32_t offset, size;
	const struct btf_type *type; /* modifiers and typedefs resolved */
	const struct btf *btf;
};

/* A global the program declares, not a static one the compiler made (bpf_printk's format). */
static bool is_global(const struct btf_type *var)
{
	return btf_is_var(var) && btf_var(var)->linkage != BTF_VAR_STATIC;
}

/* The .rodata globals' names, for the error line. */
static void list_globals(const struct btf *btf, const struct btf_type *sec, char *buf, size_t len)
{
	const struct btf_var_secinfo *vs = btf_var_secinfos(sec);
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < btf_vlen(sec) && used < len; i++) {
		const struct btf_type *var = btf__type_by_id(btf, vs[i].type);

		if (is_global(var))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
						 btf__name_by_offset(btf, var->name_off));
	}
}

static int find_global(struct bpf_object *obj, const char *path, const char *opt,
		       const char *name, struct global *g, char *why, size_t len)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_type *sec = NULL;
	const struct btf_var_secinfo *vs;
	char names[256] = "";
	int id;

	if (btf) {
		id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
		sec = id > 0 ? btf__type_by_id(btf, id) : NULL;
	}
	if (sec) {
		vs = btf_var_secinfos(sec);
		for (int i = 0; i < btf_vlen(sec); i++) {
			const struct btf_type *var = btf__type_by_id(btf, vs[i].type);

			if (!is_global(var) || strcmp(btf__name_by_offset(btf, var->name_off), name))
				continue;
			g->offset = vs[i].offset;
			g->size = vs[i].size;
			g->btf = btf;
			g->type = btf__type_by_id(btf, btf__resolve_type(btf, var->type));
			if (g->type)
				return 0;
			snprintf(why, len, "%s %s: %s: its BTF type does not resolve", opt, name, path);
			return -EINVAL;
		}
		list_globals(btf, sec, names, sizeof(names));
	}
	snprintf(why, len, "%s %s: %s has no global %s in .rodata (const volatile globals: %s)",
		 opt, name, path, name, names[0] ? names : "none");
	return -EINVAL;
}

/* Write value into data at g, as its type says (an integer, an enum, or a char array). */
static int write_value(const struct global *g, const char *name, const char *value, void *data,
		       char *why, size_t len)
{
	const struct btf_type *t = g->type;
	bool is_signed = false;
	int err = -EINVAL;

	if (btf_is_int(t))
		is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
	else if (btf_is_enum(t))
		is_signed = btf_kflag(t);
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL) && strcmp(value, "true") &&
	    strcmp(value, "false") && strcmp(value, "1") && strcmp(value, "0")) {
		snprintf(why, len, "--set %s=%s: not a bool (true, false, 1 or 0)", name, value);
		return -EINVAL;
	}
	if ((btf_is_int(t) || btf_is_enum(t) || btf_is_enum64(t)) && t->size == g->size) {
		err = hb_object_int_value(value, g->size, is_signed, (char *)data + g->offset);
		if (err)
			snprintf(why, len, "--set %s=%s: %s %u-byte %sinteger", name, value,
				 err == -ERANGE ? "out of range for its type, a" : "not a", g->size,
				 is_signed ? "signed " : "unsigned ");
		return err;
	}
	if (btf_is_array(t)) {
		const struct btf_type *elem = btf__type_by_id(g->btf,
			btf__resolve_type(g->btf, btf_array(t)->type));

		if (elem && btf_is_int(elem) && elem->size == 1) {
			if (strlen(value) >= g->size) {
				snprintf(why, len, "--set %s: '%s' does not fit its %u bytes", name, value,
					 g->size);
				return -ERANGE;
			}
			memset((char *)data + g->offset, 0, g->size);
			memcpy((char *)data + g->offset, value, strlen(value));
			return 0;
		}
	}
	snprintf(why, len, "--set %s: only integers, enums and char arrays can be set", name);
	return err;
}

static int set_one(struct bpf_object *obj, const char *path, const char *opt, const char *name,
		   const char *value, void *data, char *why, size_t len)
{
	struct global g;
	int err = find_global(obj, path, opt, name, &g, why, len);

	return err ? err : write_value(&g, name, value, data, why, len);
}

int hb_object_apply_sets(struct bpf_object *obj, const struct hb_object_opts *o, pid_t tgid,
			 char *why, size_t len)
{
	struct bpf_map *map = rodata_map(obj);
	const void *init;
	char pid[24];
	void *data = NULL;
	size_t size = 0;
	int err = 0;

	if (!o->nsets && !o->set_pid)
		return 0;
	init = map ? bpf_map__initial_value(map, &size) : NULL;
	if (!init) {
		snprintf(why, len, "--set%s %s: %s has no .rodata globals to set", o->nsets ? "" : "-pid",
			 o->nsets ? o->sets[0].name : o->set_pid, o->path);
		return -EINVAL;
	}
	data = malloc(size);
	if (!data) {
		snprintf(why, len, "%s: no memory for its .rodata (%zu bytes)", o->path, size);
		return -ENOMEM;
	}
	memcpy(data, init, size);
	for (size_t i = 0; i < o->nsets && !err; i++)
		err = set_one(obj, o->path, "--set", o->sets[i].name, o->sets[i].value, data, why, len);
	/* Checking only: does the largest pid a kernel hands out (PID_MAX_LIMIT) fit? */
	snprintf(pid, sizeof(pid), "%d", tgid >= 0 ? (int)tgid : 4194304);
	if (!err && o->set_pid)
		err = set_one(obj, o->path, "--set-pid", o->set_pid, pid, data, why, len);
	if (!err && tgid >= 0) {
		err = bpf_map__set_initial_value(map, data, size);
		if (err)
			snprintf(why, len, "%s: cannot set its .rodata: %s", o->path, strerror(-err));
	}
	free(data);
	return err;
}
