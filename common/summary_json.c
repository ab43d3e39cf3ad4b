// SPDX-License-Identifier: GPL-2.0-only
#include "summary_json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

void hb_summary_json_begin(struct hb_summary_json *s, FILE *f, const char *const *cols, size_t ncols)
{
	s->cols = cols;
	s->ncols = ncols;
	hb_json_init(&s->j, f, true);
	hb_json_object_begin(&s->j, NULL);
	hb_json_i64(&s->j, "schema_version", HB_SCHEMA_VERSION);
	hb_json_array_begin(&s->j, "columns");
	for (size_t i = 0; i < ncols; i++)
		hb_json_string(&s->j, NULL, cols[i]);
	hb_json_array_end(&s->j);
	hb_json_array_begin(&s->j, "rows");
}

/* summary.csv's text where JSON reads it as the same number, else the value it parses to. */
static void number(struct hb_json *j, const char *key, const char *text)
{
	char *end, buf[32];
	double v;

	if (hb_json_is_number(text)) {
		hb_json_number_text(j, key, text);
		return;
	}
	errno = 0;
	v = strtod(text, &end);
	if (end == text || *end || errno || !isfinite(v)) {
		hb_json_null(j, key);
		return;
	}
	snprintf(buf, sizeof(buf), "%.17g", v);
	hb_json_number_text(j, key, buf);
}

static void words(struct hb_json *j, const char *key, const char *text)
{
	const char *p = text;

	hb_json_array_begin(j, key);
	while (*p) {
		size_t n = strcspn(p, ";");
		char word[128];

		snprintf(word, sizeof(word), "%.*s", (int)(n < sizeof(word) ? n : sizeof(word) - 1), p);
		if (n)
			hb_json_string(j, NULL, word);
		p += n + (p[n] == ';');
	}
	hb_json_array_end(j);
}

void hb_summary_json_row(struct hb_summary_json *s, const char *const *fields)
{
	hb_json_object_begin(&s->j, NULL);
	for (size_t i = 0; i < s->ncols; i++) {
		const char *key = s->cols[i], *text = fields[i] ? fields[i] : "";
		enum hb_column_type type = hb_summary_column_type(key);

		if (type == HB_COLUMN_WORDS)
			words(&s->j, key, text);
		else if (!*text)
			hb_json_null(&s->j, key);
		else if (type == HB_COLUMN_NUMBER)
			number(&s->j, key, text);
		else
			hb_json_string(&s->j, key, text);
	}
	hb_json_object_end(&s->j);
}

int hb_summary_json_end(struct hb_summary_json *s)
{
	hb_json_array_end(&s->j);
	hb_json_object_end(&s->j);
	return ferror(s->j.f) ? -EIO : 0;
}
