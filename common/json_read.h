/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading JSON (meta.json, hyperfine's export) with json-c: strict parsing
 * with a reason on failure, and values looked up by a dotted path.
 */
#ifndef HB_JSON_READ_H
#define HB_JSON_READ_H

#include <stddef.h>

struct json_object;

/*
 * Parse text (len bytes: one JSON value, nothing after it, nesting at most
 * 64 deep; json-c in strict mode) into *out, to be released with
 * json_object_put(). Returns 0, or -EINVAL (why: byte offset and what is
 * wrong) or -ENOMEM with why; *out is NULL on failure and for "null".
 */
int hb_jparse(const char *text, size_t len, struct json_object **out, char *why, size_t whylen);

/* hb_jparse() on a file (at most 64 MiB); why starts with the path. */
int hb_jload(const char *path, struct json_object **out, char *why, size_t whylen);

/*
 * The value at a dotted path of object keys ("kernel.release"); "" is v
 * itself. NULL when a key is missing (or longer than 255 bytes), a step is
 * not an object, or the value is JSON null (json-c's null is NULL).
 */
struct json_object *hb_jget(struct json_object *v, const char *path);

/* The string at path, or fallback when absent or not a string. */
const char *hb_jstr(struct json_object *v, const char *path, const char *fallback);

/* The number at path (an integer or a finite double), or fallback. */
double hb_jnum(struct json_object *v, const char *path, double fallback);

#endif
