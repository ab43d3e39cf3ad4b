// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: command-line numbers and lists (common/parse.h). */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "hooks.h"
#include "parse.h"

/* The names hookbench run takes (--hooks and --payload from the hook table, --mode). */
static const char *hooks[HB_MAX_HOOKS];
static size_t nhooks;
static const char *const modes[] = { "enoent", "create" };

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static bool all_of(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

static void check_u64(const char *s, uint64_t min, uint64_t max)
{
	uint64_t v = 0, want = 0;
	bool overflow = false;
	int err = hb_parse_u64(s, min, max, &v);

	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ERANGE);
	/* Plain decimal digits, nothing else, parse; anything else is -EINVAL. */
	FUZZ_CHECK((err == -EINVAL) == (!*s || !all_of(s, "0123456789")));
	if (err == -EINVAL)
		return;
	for (const char *c = s; *c; c++) {
		unsigned d = (unsigned)(*c - '0');

		overflow |= want > (UINT64_MAX - d) / 10;
		want = want * 10 + d;
	}
	if (overflow || want < min || want > max) {
		FUZZ_CHECK(err == -ERANGE);
	} else {
		FUZZ_CHECK(err == 0);
		FUZZ_CHECK(v == want);
	}
}

static void check_double(const char *s, double min, double max)
{
	double v = NAN;
	int err = hb_parse_double(s, min, max, &v);

	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ERANGE);
	if (err)
		return;
	FUZZ_CHECK(isfinite(v) && v >= min && v <= max);
	/* A decimal number: no sign, space, hex, "inf" or "nan". */
	FUZZ_CHECK(all_of(s, "0123456789.eE+-"));
	FUZZ_CHECK(s[0] != '+' && s[0] != '-');
}

static void check_cpu_list(const char *s, unsigned ncpus, size_t cap)
{
	unsigned *cpus = malloc(cap * sizeof(*cpus)); /* exact: ASan sees an overrun */
	size_t n = (size_t)-1;
	int err;

	if (!cpus)
		return;
	err = hb_parse_cpu_list(s, ncpus, cpus, cap, &n);
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ERANGE || err == -E2BIG);
	if (!err) {
		FUZZ_CHECK(n >= 1 && n <= cap);
		FUZZ_CHECK(all_of(s, "0123456789,-"));
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(cpus[i] < ncpus);
			for (size_t j = 0; j < i; j++)
				FUZZ_CHECK(cpus[i] != cpus[j]);
		}
	}
	free(cpus);
}

static void check_choices(const char *s, const char *const *valid, size_t nvalid, size_t cap,
			  size_t badlen)
{
	size_t *idx = malloc(cap * sizeof(*idx)), n = (size_t)-1, used = 0;
	char *bad = malloc(badlen);
	int err;

	if (!idx || !bad)
		goto out;
	err = hb_parse_choice_list(s, valid, nvalid, idx, cap, &n, bad, badlen);
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -EEXIST || err == -E2BIG);
	FUZZ_CHECK(fuzz_terminated(bad, badlen));
	/* bad names the offending element (cut to badlen), "" for an empty list. */
	if ((err == -EINVAL || err == -EEXIST) && *s && badlen > 1)
		FUZZ_CHECK(bad[0] != '\0');
	if (err == -EEXIST && badlen >= 128)
		FUZZ_CHECK(hb_choice_index(bad, valid, nvalid) >= 0);
	if (err)
		goto out;
	/* The names given, in order and distinct, joined with commas, are s. */
	FUZZ_CHECK(n >= 1 && n <= cap);
	for (size_t i = 0; i < n; i++) {
		size_t len;

		FUZZ_CHECK(idx[i] < nvalid);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(idx[i] != idx[j]);
		len = strlen(valid[idx[i]]);
		FUZZ_CHECK(strncmp(s + used, valid[idx[i]], len) == 0);
		used += len;
		FUZZ_CHECK(s[used] == (i + 1 < n ? ',' : '\0'));
		used += s[used] == ',';
	}
out:
	free(idx);
	free(bad);
}

/* A short buffer holds the start of the whole list. */
static void check_join(const char *const *valid, size_t nvalid, size_t len)
{
	char *buf = malloc(len ? len : 1), full[512]; /* buf is exact: ASan sees an overrun */
	size_t want;

	if (!buf)
		return;
	hb_join_choices(valid, nvalid, full, sizeof(full));
	hb_join_choices(valid, nvalid, buf, len);
	if (len) {
		FUZZ_CHECK(fuzz_terminated(buf, len));
		want = strlen(full) < len - 1 ? strlen(full) : len - 1;
		FUZZ_CHECK(strlen(buf) == want && strncmp(buf, full, want) == 0);
	}
	free(buf);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nhooks = hb_hook_names(hooks);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int i;

	if (!s)
		return 0;
	/* The ranges the CLIs use. */
	check_u64(s, 0, UINT64_MAX);
	check_u64(s, 1, 1000000000000ULL);
	check_u64(s, 1, 256);
	check_double(s, 0.001, 86400.0);
	check_double(s, 0.0, 1e308);
	check_cpu_list(s, 1024, 1024);
	check_cpu_list(s, 3, 16);
	check_cpu_list(s, 0, 4);
	check_choices(s, hooks, nhooks, 16, 128);
	check_choices(s, hooks, nhooks, 2, 8);
	check_choices(s, hb_payload_names, HB_PAYLOAD_MAX, 16, 1);
	check_choices(s, modes, NELEMS(modes), 16, 128);
	i = hb_choice_index(s, hooks, nhooks);
	FUZZ_CHECK(i >= -1 && i < (int)nhooks);
	if (i >= 0)
		FUZZ_CHECK(strcmp(s, hooks[i]) == 0);
	check_join(hooks, nhooks, size % 128);
	free(s);
	return 0;
}
