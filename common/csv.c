// SPDX-License-Identifier: GPL-2.0-only
#include "csv.h"

#include <math.h>
#include <string.h>

bool hb_csv_needs_quotes(const char *s)
{
	size_t len;

	if (!s || !*s)
		return false;
	len = strlen(s);
	return strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[len - 1] == ' ';
}

void hb_csv_field(FILE *f, const char *s)
{
	if (!hb_csv_needs_quotes(s)) {
		fputs(s ? s : "", f);
		return;
	}
	fputc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void hb_csv_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		hb_csv_field(f, fields[i]);
	}
	fputc('\n', f);
}

void hb_csv_bound(char *buf, size_t len, double v, int decimals, bool high)
{
	double scale = pow(10.0, decimals);

	hb_csv_number(buf, len, isfinite(v) ? (high ? ceil(v * scale) : floor(v * scale)) / scale : v,
		      decimals);
}

void hb_csv_number(char *buf, size_t len, double v, int decimals)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, len, "%.*f", decimals, v);
}
