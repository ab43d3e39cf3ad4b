// SPDX-License-Identifier: GPL-2.0-only
/* summary.json's typing of summary.csv's text, read back with json-c. */
#include <json-c/json.h>
#include <stdlib.h>

#include "json.h"
#include "schema.h"
#include "summary_json.h"
#include "tap.h"

static void test_is_number(void)
{
	static const char *const yes[] = { "0", "-0", "12", "1.25", "-3.88", "0.9692", "1e9", "2.5E-3" };
	static const char *const no[] = { "", "-", "+3", ".5", "5.", "01", "1e", "inf", "nan", "0x10",
					  " 1", "1 ", "1,5" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		TAP_OK(hb_json_is_number(yes[i]), "'%s' is a JSON number", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		TAP_OK(!hb_json_is_number(no[i]), "'%s' is not a JSON number", no[i]);
}

/* Two rows through the writer, parsed back. */
static struct json_object *written(void)
{
	static const char *const cols[] = { "hook", "threads", "overhead_ns_per_event", "reason",
					    "flags", "ci_level", "attach_us_median", "source" };
	static const char *const row1[] = { "prog:handle_unlinkat", "1", "226.24", "", "", "0.9692",
					    "1.", "3" };
	static const char *const row2[] = { "kprobe", "2", "", "a \"quoted\", reason\n",
					    "below_zero;control_biased", "inf", "+5", "" };
	struct hb_summary_json s;
	struct json_object *doc;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int err;

	hb_summary_json_begin(&s, f, cols, sizeof(cols) / sizeof(cols[0]));
	hb_summary_json_row(&s, row1);
	hb_summary_json_row(&s, row2);
	err = hb_summary_json_end(&s);
	fclose(f);
	TAP_OK(err == 0, "the writer reports no error (%d)", err);
	doc = json_tokener_parse(buf);
	TAP_OK(doc != NULL, "it writes JSON that parses");
	free(buf);
	return doc;
}

static struct json_object *field(struct json_object *doc, size_t row, const char *key)
{
	struct json_object *rows, *v = NULL;

	if (json_object_object_get_ex(doc, "rows", &rows))
		json_object_object_get_ex(json_object_array_get_idx(rows, row), key, &v);
	return v;
}

static void test_rows(void)
{
	struct json_object *doc = written(), *v, *cols;

	if (!doc)
		return;
	TAP_OK(json_object_object_get_ex(doc, "schema_version", &v) &&
	       json_object_get_int(v) == HB_SCHEMA_VERSION, "schema_version is %d", HB_SCHEMA_VERSION);
	TAP_OK(json_object_object_get_ex(doc, "columns", &cols) && json_object_array_length(cols) == 8 &&
	       !strcmp(json_object_get_string(json_object_array_get_idx(cols, 4)), "flags"),
	       "columns: the header, in order");
	v = field(doc, 0, "hook");
	TAP_OK(json_object_is_type(v, json_type_string) &&
	       !strcmp(json_object_get_string(v), "prog:handle_unlinkat"),
	       "a hook named FILE:NAME is a string with its colon");
	v = field(doc, 0, "threads");
	TAP_OK(json_object_is_type(v, json_type_int) && json_object_get_int(v) == 1, "a count is an integer");
	v = field(doc, 0, "overhead_ns_per_event");
	TAP_OK(json_object_is_type(v, json_type_double) && json_object_get_double(v) == 226.24,
	       "a figure is a number, summary.csv's value");
	TAP_OK(field(doc, 0, "reason") == NULL &&
	       json_object_object_get_ex(json_object_array_get_idx(json_object_object_get(doc, "rows"), 0),
					 "reason", NULL), "an empty text field is null (the key is there)");
	v = field(doc, 0, "flags");
	TAP_OK(json_object_is_type(v, json_type_array) && json_object_array_length(v) == 0,
	       "no flags: an empty list");
	v = field(doc, 1, "flags");
	TAP_OK(json_object_is_type(v, json_type_array) && json_object_array_length(v) == 2 &&
	       !strcmp(json_object_get_string(json_object_array_get_idx(v, 1)), "control_biased"),
	       "flags: a list of its words");
	TAP_OK(field(doc, 1, "overhead_ns_per_event") == NULL, "an empty figure is null, not 0");
	v = field(doc, 1, "reason");
	TAP_OK(json_object_is_type(v, json_type_string) &&
	       !strcmp(json_object_get_string(v), "a \"quoted\", reason\n"),
	       "text keeps quotes, commas and line breaks");
	v = field(doc, 0, "attach_us_median");
	TAP_OK((json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)) &&
	       json_object_get_double(v) == 1.0, "a number JSON does not write so ('1.') is its value");
	v = field(doc, 1, "attach_us_median");
	TAP_OK(json_object_is_type(v, json_type_int) && json_object_get_int(v) == 5, "'+5' is 5");
	TAP_OK(field(doc, 1, "ci_level") == NULL, "a figure that is not finite is null");
	v = field(doc, 0, "source");
	TAP_OK(json_object_is_type(v, json_type_int) && json_object_get_int(v) == 3,
	       "merge's source is a number");
	json_object_put(doc);
}

int main(void)
{
	test_is_number();
	test_rows();
	return tap_done();
}
