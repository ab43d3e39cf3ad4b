/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading JSON (meta.json, hyperfine's export) into a small tree. */
#ifndef HB_JSON_READ_H
#define HB_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

enum hb_jtype { HB_JNULL, HB_JBOOL, HB_JNUM, HB_JSTR, HB_JARR, HB_JOBJ };

struct hb_jval {
	enum hb_jtype type;
	bool boolean;
	double num;
	char *str;              /* HB_JSTR */
	size_t n;               /* items of an array or object */
	char **keys;            /* HB_JOBJ: n keys */
	struct hb_jval *items;  /* HB_JARR, HB_JOBJ: n values */
};

/*
 * Parse one JSON value (nesting at most 64 deep). Returns 0, -EINVAL with
 * why (byte offset and what was expected), or -ENOMEM.
 */
int hb_jparse(const char *text, size_t len, struct hb_jval *out, char *why, size_t whylen);

/* hb_jparse() on a file (at most 64 MiB). */
int hb_jload(const char *path, struct hb_jval *out, char *why, size_t whylen);

/* The value at a dotted path of object keys ("kernel.release"), or NULL. */
const struct hb_jval *hb_jget(const struct hb_jval *v, const char *path);

/* The string at path, or fallback when absent or not a string. */
const char *hb_jstr(const struct hb_jval *v, const char *path, const char *fallback);

void hb_jfree(struct hb_jval *v);

#endif
