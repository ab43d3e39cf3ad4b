// SPDX-License-Identifier: GPL-2.0-only
#include "json_read.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"

#define MAX_DEPTH 64
#define MAX_FILE (64u << 20)

static bool only_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", s[i]) || !s[i])
			return false;
	return true;
}

int hb_jparse(const char *text, size_t len, struct json_object **out, char *why, size_t whylen)
{
	struct json_tokener *tok;
	struct json_object *v;
	enum json_tokener_error e;
	size_t end;
	int err = 0;

	*out = NULL;
	if (len > INT_MAX) {
		snprintf(why, whylen, "too big");
		return -EINVAL;
	}
	tok = json_tokener_new_ex(MAX_DEPTH);
	if (!tok) {
		snprintf(why, whylen, "out of memory");
		return -ENOMEM;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	v = json_tokener_parse_ex(tok, text, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	/* A number at the very end is only known to be complete at the end of input. */
	if (e == json_tokener_continue) {
		v = json_tokener_parse_ex(tok, "", 1);
		e = json_tokener_get_error(tok);
		end = len;
		if (e == json_tokener_continue)
			e = json_tokener_error_parse_eof;
	}
	if (e != json_tokener_success) {
		snprintf(why, whylen, "at byte %zu: %s", end, json_tokener_error_desc(e));
		err = -EINVAL;
	} else if (!only_space(text + end, len - end)) {
		/* json-c stops at a NUL byte; what follows it is not JSON either. */
		snprintf(why, whylen, "at byte %zu: text after the value", end);
		err = -EINVAL;
	}
	json_tokener_free(tok);
	if (err)
		json_object_put(v);
	else
		*out = v;
	return err;
}

int hb_jload(const char *path, struct json_object **out, char *why, size_t whylen)
{
	char *text;
	size_t len;
	int err;

	*out = NULL;
	err = hb_read_file(path, MAX_FILE, &text, &len, why, whylen);
	if (err)
		return err;
	err = hb_jparse(text, len, out, why, whylen);
	if (err)
		hb_prefix_path(path, why, whylen);
	free(text);
	return err;
}

struct json_object *hb_jget(struct json_object *v, const char *path)
{
	char key[256];

	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		struct json_object *next = NULL;

		if (n >= sizeof(key) || !json_object_is_type(v, json_type_object))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		json_object_object_get_ex(v, key, &next);
		v = next;
		path += n + (dot ? 1 : 0);
	}
	return v;
}

const char *hb_jstr(struct json_object *v, const char *path, const char *fallback)
{
	struct json_object *s = hb_jget(v, path);

	return json_object_is_type(s, json_type_string) ? json_object_get_string(s) : fallback;
}

double hb_jnum(struct json_object *v, const char *path, double fallback)
{
	struct json_object *n = hb_jget(v, path);
	double d;

	if (!json_object_is_type(n, json_type_int) && !json_object_is_type(n, json_type_double))
		return fallback;
	d = json_object_get_double(n);
	return isfinite(d) ? d : fallback;
}
