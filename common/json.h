/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal streaming JSON writer: enough for flat objects and arrays. */
#ifndef HB_JSON_H
#define HB_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define HB_JSON_MAX_DEPTH 8

struct hb_json {
	FILE *f;
	int depth;
	bool need_comma[HB_JSON_MAX_DEPTH];
	bool pretty;
};

void hb_json_init(struct hb_json *j, FILE *f, bool pretty);
void hb_json_object_begin(struct hb_json *j, const char *key);
void hb_json_object_end(struct hb_json *j);
void hb_json_array_begin(struct hb_json *j, const char *key);
void hb_json_array_end(struct hb_json *j);
/* key is NULL inside arrays and at top level. */
void hb_json_string(struct hb_json *j, const char *key, const char *val);
void hb_json_u64(struct hb_json *j, const char *key, uint64_t val);
void hb_json_i64(struct hb_json *j, const char *key, int64_t val);
/* NaN and infinities are written as null. */
void hb_json_double(struct hb_json *j, const char *key, double val);
void hb_json_bool(struct hb_json *j, const char *key, bool val);
void hb_json_null(struct hb_json *j, const char *key);
/* True when text is a number as JSON writes one (no sign +, no bare point, no inf). */
bool hb_json_is_number(const char *text);
/* A number written as text holds it, digit for digit; null when text is not a JSON number. */
void hb_json_number_text(struct hb_json *j, const char *key, const char *text);
/* Writes the escaped string with quotes. */
void hb_json_write_escaped(FILE *f, const char *s);

#endif
