// SPDX-License-Identifier: GPL-2.0-only
/* CSV quoting. */
#include <stdlib.h>

#include "csv.h"
#include "tap.h"

/* TAP descriptions are one line: show CR and LF as \r and \n. */
static const char *visible(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	for (; s && *s && o + 3 < len; s++) {
		if (*s == '\n' || *s == '\r') {
			buf[o++] = '\\';
			buf[o++] = *s == '\n' ? 'n' : 'r';
		} else {
			buf[o++] = *s;
		}
	}
	buf[o] = '\0';
	return s ? buf : "NULL";
}

static void field_is(const char *in, const char *want)
{
	char *buf = NULL, v1[64], v2[64], v3[64];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	hb_csv_field(f, in);
	fclose(f);
	TAP_STREQ(buf, want, "field [%s] is written as [%s] (got [%s])", visible(in, v1, sizeof(v1)),
		  visible(want, v2, sizeof(v2)), visible(buf, v3, sizeof(v3)));
	free(buf);
}

/* Interval bounds round outward: an interval never prints narrower than it is. */
static void test_bounds(void)
{
	char low[32], high[32];

	hb_csv_bound(low, sizeof(low), 0.832712, 4, false);
	hb_csv_bound(high, sizeof(high), 0.832714, 4, true);
	TAP_OK(!strcmp(low, "0.8327") && !strcmp(high, "0.8328"),
	       "[0.832712, 0.832714] prints [%s, %s], not zero-wide", low, high);
	hb_csv_bound(low, sizeof(low), -50.123, 2, false);
	hb_csv_bound(high, sizeof(high), -34.801, 2, true);
	TAP_OK(!strcmp(low, "-50.13") && !strcmp(high, "-34.80"), "negative bounds outward too: [%s, %s]",
	       low, high);
	hb_csv_bound(low, sizeof(low), 2.5, 2, false);
	TAP_OK(!strcmp(low, "2.50"), "a bound on the grid stays (%s)", low);
	hb_csv_bound(low, sizeof(low), NAN, 2, false);
	TAP_OK(low[0] == '\0', "NAN is an empty field");
}

int main(void)
{
	const char *row[] = { "kprobe", "unsupported", "no kprobes, no \"kprobe_events\"" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	test_bounds();
	field_is("plain", "plain");
	field_is("", "");
	field_is(NULL, "");
	field_is("a,b", "\"a,b\"");
	field_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	field_is("two\nlines", "\"two\nlines\"");
	field_is("cr\rhere", "\"cr\rhere\"");
	field_is(" lead", "\" lead\"");
	field_is("trail ", "\"trail \"");
	field_is("12.5", "12.5");
	f = open_memstream(&buf, &len);
	hb_csv_row(f, row, 3);
	fclose(f);
	TAP_STREQ(buf, "kprobe,unsupported,\"no kprobes, no \"\"kprobe_events\"\"\"\n",
		  "a row joins quoted fields with commas and ends in a newline");
	free(buf);
	return tap_done();
}
