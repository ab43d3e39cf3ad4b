// SPDX-License-Identifier: GPL-2.0-only
/* The CSV and JSON readers that compare, report and plot rely on. */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "json_read.h"
#include "tap.h"

static int csv(const char *text, struct hb_csv_table *t, char *why)
{
	return hb_csv_parse(text, strlen(text), t, why, 256);
}

static void test_csv(void)
{
	struct hb_csv_table t;
	char why[256];

	TAP_OK(csv("hook,reason\ntracepoint,\"a, b\"\nkprobe,\"say \"\"hi\"\"\"\n", &t, why) == 0,
	       "quoted commas and doubled quotes parse");
	TAP_OK(t.nrows == 2 && t.ncols == 2, "two rows of two columns");
	TAP_STREQ(hb_csv_get(&t, 0, 1), "a, b", "a quoted comma stays in its field");
	TAP_STREQ(hb_csv_get(&t, 1, 1), "say \"hi\"", "doubled quotes become one");
	TAP_OK(hb_csv_col(&t, "reason") == 1 && hb_csv_col(&t, "nope") == -1, "columns by name");
	TAP_STREQ(hb_csv_get(&t, 0, -1), "", "a missing column reads as empty");
	hb_csv_free(&t);

	TAP_OK(csv("a,b\r\n1,\"two\nlines\"\r\n3,4", &t, why) == 0 && t.nrows == 2,
	       "CRLF, a line break in quotes and no final newline");
	TAP_STREQ(hb_csv_get(&t, 0, 1), "two\nlines", "the line break is kept");
	TAP_STREQ(hb_csv_get(&t, 1, 1), "4", "the last field without a newline");
	hb_csv_free(&t);

	TAP_OK(csv("a,b\n1,2,3\n", &t, why) == -EINVAL && strstr(why, "line 2 has 3 fields"),
	       "a row with too many fields is refused, by line: %s", why);
	TAP_OK(csv("a,b\n1\n", &t, why) == -EINVAL, "a row with too few fields is refused");
	TAP_OK(csv("a,b\n\"1,2\n", &t, why) == -EINVAL && strstr(why, "never closed"),
	       "an unclosed quote is refused: %s", why);
	TAP_OK(csv("a,b\n\"1\"x,2\n", &t, why) == -EINVAL, "text after a closing quote is refused");
	TAP_OK(csv("", &t, why) == -EINVAL, "empty input is refused");
	TAP_OK(hb_csv_load("/nonexistent.csv", &t, why, sizeof(why)) == -ENOENT,
	       "a missing file is -ENOENT");
}

static int json(const char *text, struct json_object **v, char *why)
{
	return hb_jparse(text, strlen(text), v, why, 256);
}

static void test_json(void)
{
	struct json_object *v, *list;
	char why[256], deep[300];

	TAP_OK(json("{\"kernel\": {\"release\": \"6.1.0\", \"nproc\": 2, \"on\": true, \"x\": null},"
		    " \"list\": [1, -2.5e3, \"caf\\u00e9\\n\"], \"inf\": 1e999}", &v, why) == 0,
	       "a nested document parses");
	TAP_STREQ(hb_jstr(v, "kernel.release", "?"), "6.1.0", "a string by dotted path");
	TAP_OK(hb_jnum(v, "kernel.nproc", -1) == 2, "an integer as a number");
	TAP_OK(json_object_get_boolean(hb_jget(v, "kernel.on")), "a boolean");
	TAP_OK(hb_jget(v, "kernel.x") == NULL && hb_jget(v, "kernel") != NULL,
	       "null reads as absent, an object does not");
	list = hb_jget(v, "list");
	TAP_OK(json_object_array_length(list) == 3 &&
	       json_object_get_double(json_object_array_get_idx(list, 1)) == -2500,
	       "an array of mixed values");
	TAP_STREQ(json_object_get_string(json_object_array_get_idx(list, 2)), "caf\xc3\xa9\n",
		  "\\u escapes become UTF-8");
	TAP_STREQ(hb_jstr(v, "kernel.nproc", "fallback"), "fallback", "a non-string falls back");
	TAP_OK(hb_jnum(v, "kernel.release", -1) == -1, "a string is not a number");
	TAP_OK(hb_jnum(v, "inf", -1) == -1, "an infinite number is not a number");
	TAP_OK(hb_jnum(v, "kernel.nope", -1) == -1, "a missing key falls back");
	TAP_OK(hb_jget(v, "kernel.release.deeper") == NULL, "a path through a string is NULL");
	TAP_OK(hb_jget(v, "") == v, "the empty path is the value itself");
	TAP_OK(hb_jget(NULL, "kernel") == NULL && !strcmp(hb_jstr(NULL, "a", "f"), "f"),
	       "lookups in no document fall back");
	json_object_put(v);

	TAP_OK(json("{\"a\": 1,}", &v, why) == -EINVAL && !v, "a trailing comma is refused: %s", why);
	TAP_OK(json("{\"a\": \"open", &v, why) == -EINVAL && strstr(why, "at byte 11"),
	       "an unterminated string is refused, by byte: %s", why);
	TAP_OK(json("[1] x", &v, why) == -EINVAL, "text after the value is refused");
	TAP_OK(hb_jparse("[1]\0x", 5, &v, why, sizeof(why)) == -EINVAL && strstr(why, "after the value"),
	       "so is a NUL byte and what follows it: %s", why);
	TAP_OK(hb_jparse("[1] 2", 3, &v, why, sizeof(why)) == 0 && v, "the length is kept to");
	json_object_put(v);
	TAP_OK(json("{\"a\" 1}", &v, why) == -EINVAL, "a missing colon is refused");
	TAP_OK(json("[nul]", &v, why) == -EINVAL, "a bad literal is refused");
	TAP_OK(json("/* c */ 1", &v, why) == -EINVAL, "comments are refused");
	TAP_OK(json("12", &v, why) == 0 && json_object_get_int(v) == 12,
	       "a number that ends the text parses");
	json_object_put(v);
	memset(deep, '[', 200);
	deep[200] = '\0';
	TAP_OK(json(deep, &v, why) == -EINVAL && strstr(why, "too deep"), "deep nesting stops at 64: %s", why);
	memset(deep, '[', 64);
	memset(deep + 64, ']', 64);
	deep[128] = '\0';
	TAP_OK(json(deep, &v, why) == 0, "64 levels are fine");
	json_object_put(v);
	TAP_OK(json("", &v, why) == -EINVAL, "empty input is refused");
	TAP_OK(hb_jload("/nonexistent.json", &v, why, sizeof(why)) == -ENOENT && !v,
	       "a missing file is -ENOENT");
	TAP_OK(hb_jload(FIXTURES "/results/malformed-row/summary.csv", &v, why, sizeof(why)) == -EINVAL &&
	       strstr(why, "summary.csv: at byte "), "a file that is not JSON names itself: %s", why);
}

int main(void)
{
	test_csv();
	test_json();
	return tap_done();
}
