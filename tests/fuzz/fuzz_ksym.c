// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: /proc/kallsyms text, as hb_ksym_resolve() reads it. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "ksym.h"

/* The real candidates, and a list where one name is a prefix of another. */
static const char *const other_candidates[] = { "do_rmdir", "do_unlinkat", "do_unlinkat_x", "vfs_unlink" };

/* out is a candidate, or a clone of one ("<candidate>.<suffix>", not ".cold"). */
static int names_candidate(const char *out, const char *const *cands, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t clen = strlen(cands[i]);

		if (strncmp(out, cands[i], clen) != 0)
			continue;
		if (out[clen] == '\0' || (out[clen] == '.' && !strstr(out + clen, ".cold")))
			return 1;
	}
	return 0;
}

/* Resolve into an exactly sized heap buffer, so an overrun is caught by ASan. */
static int resolve(FILE *f, const char *const *cands, size_t n, size_t len, char *copy,
		   size_t copylen)
{
	char *out = malloc(len ? len : 1);
	int err;

	if (!out)
		return -ENOMEM;
	rewind(f);
	err = hb_ksym_resolve(f, cands, n, out, len);
	FUZZ_CHECK(err == 0 || err == -ENOENT || err == -ENAMETOOLONG);
	if (!err) {
		FUZZ_CHECK(fuzz_terminated(out, len));
		snprintf(copy, copylen, "%s", out);
	}
	free(out);
	return err;
}

static void check(FILE *f, const uint8_t *data, size_t size, const char *const *cands, size_t n)
{
	char name[512], small_name[512];
	const size_t small = 12;
	int err, err_small;

	err = resolve(f, cands, n, sizeof(name), name, sizeof(name));
	if (err == -ENOMEM)
		return;
	/* Symbols are at most 255 characters; out has room for them all. */
	FUZZ_CHECK(err != -ENAMETOOLONG);
	if (!err) {
		FUZZ_CHECK(name[0] != '\0');
		FUZZ_CHECK(names_candidate(name, cands, n));
		FUZZ_CHECK(memmem(data, size, name, strlen(name)) != NULL);
	}

	/* A small out gives the same answer, or says it is too small. */
	err_small = resolve(f, cands, n, small, small_name, sizeof(small_name));
	if (err_small == -ENOMEM)
		return;
	if (err)
		FUZZ_CHECK(err_small == err);
	else if (strlen(name) < small)
		FUZZ_CHECK(err_small == 0 && strcmp(small_name, name) == 0);
	else
		FUZZ_CHECK(err_small == -ENAMETOOLONG);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fuzz_fopen(data, size);

	if (!f)
		return 0;
	check(f, data, size, hb_unlinkat_candidates, hb_unlinkat_ncandidates);
	check(f, data, size, other_candidates, sizeof(other_candidates) / sizeof(other_candidates[0]));
	fclose(f);
	return 0;
}
