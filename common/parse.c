// SPDX-License-Identifier: GPL-2.0-only
#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hb_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int hb_parse_u64_option(const char *prog, const char *opt, const char *arg, uint64_t min,
			uint64_t max, uint64_t *out)
{
	int err = hb_parse_u64(arg, min, max, out);

	if (err)
		fprintf(stderr, "%s: invalid %s '%s': must be an integer in [%llu, %llu]\n", prog, opt,
			arg, (unsigned long long)min, (unsigned long long)max);
	return err;
}

int hb_parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	/* Decimal only: strtod() would also take hex floats ("0x1p3"), inf and nan. */
	if (!s || !(isdigit((unsigned char)s[0]) || s[0] == '.') ||
	    s[strspn(s, "0123456789.eE+-")] != '\0')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || end == s)
		return -EINVAL;
	if (errno == ERANGE || !isfinite(v) || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

static bool cpu_seen(const unsigned *cpus, size_t n, unsigned cpu)
{
	for (size_t i = 0; i < n; i++)
		if (cpus[i] == cpu)
			return true;
	return false;
}

int hb_parse_cpu_list(const char *s, unsigned ncpus_max, unsigned *cpus,
		      size_t cap, size_t *n)
{
	char buf[256], *save = NULL, *tok;
	size_t count = 0;
	int err = 0;

	if (!s || !*s || strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	if (buf[0] == ',' || buf[strlen(buf) - 1] == ',' || strstr(buf, ",,"))
		return -EINVAL;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash = strchr(tok, '-');
		uint64_t lo, hi;

		if (dash) {
			*dash = '\0';
			err = hb_parse_u64(tok, 0, UINT32_MAX, &lo);
			if (!err)
				err = hb_parse_u64(dash + 1, 0, UINT32_MAX, &hi);
			if (!err && hi < lo)
				err = -EINVAL;
		} else {
			err = hb_parse_u64(tok, 0, UINT32_MAX, &lo);
			hi = lo;
		}
		if (err)
			return err;
		if (hi >= ncpus_max)
			return -ERANGE;
		for (uint64_t c = lo; c <= hi; c++) {
			if (cpu_seen(cpus, count, (unsigned)c))
				return -EINVAL;
			if (count == cap)
				return -E2BIG;
			cpus[count++] = (unsigned)c;
		}
	}
	*n = count;
	return 0;
}

int hb_choice_index(const char *name, const char *const *valid, size_t nvalid)
{
	for (size_t i = 0; i < nvalid; i++)
		if (strcmp(name, valid[i]) == 0)
			return (int)i;
	return -1;
}

static void copy_bad(char *bad, size_t badlen, const char *what)
{
	if (bad && badlen)
		snprintf(bad, badlen, "%s", what);
}

int hb_parse_choice_list(const char *s, const char *const *valid,
			 size_t nvalid, size_t *idx, size_t cap, size_t *n,
			 char *bad, size_t badlen)
{
	const char *p = s;
	size_t count = 0;

	copy_bad(bad, badlen, "");
	if (!s || !*s)
		return -EINVAL;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char name[128];
		int i;

		if (len == 0 || len >= sizeof(name)) {
			copy_bad(bad, badlen, len ? p : "(empty)");
			return -EINVAL;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		i = hb_choice_index(name, valid, nvalid);
		if (i < 0) {
			copy_bad(bad, badlen, name);
			return -EINVAL;
		}
		for (size_t k = 0; k < count; k++) {
			if (idx[k] == (size_t)i) {
				copy_bad(bad, badlen, name);
				return -EEXIST;
			}
		}
		if (count == cap)
			return -E2BIG;
		idx[count++] = (size_t)i;
		if (!comma)
			break;
		p = comma + 1;
	}
	*n = count;
	return 0;
}

void hb_join_choices(const char *const *valid, size_t nvalid, char *buf,
		     size_t len)
{
	size_t used = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < nvalid && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", valid[i]);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}
