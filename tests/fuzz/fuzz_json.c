// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the JSON reader (meta.json, hyperfine's --export-json).
 * A tree that parses is printed again (strings with the project's escaper)
 * and must read back the same.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "json.h"
#include "json_read.h"

/* The parser's documented nesting limit, plus the root. */
#define MAX_LEVELS 65

/* Paths report, plot and hyperfine look up, and some odd ones. */
static const char *const paths[] = {
	"kernel.release", "kernel.config.KPROBES", "settings.clock", "cpu.nproc", "timing",
	"results", "times", "mean", "stddev", "command", "vm", "", ".", "a..b", "kernel.",
};

static void check_tree(const struct hb_jval *v, int level)
{
	FUZZ_CHECK(level <= MAX_LEVELS);
	switch (v->type) {
	case HB_JNULL:
	case HB_JBOOL:
		FUZZ_CHECK(v->n == 0 && !v->items && !v->keys && !v->str);
		break;
	case HB_JNUM:
		FUZZ_CHECK(isfinite(v->num));
		FUZZ_CHECK(v->n == 0 && !v->items && !v->keys && !v->str);
		break;
	case HB_JSTR:
		FUZZ_CHECK(v->str);
		FUZZ_CHECK(v->n == 0 && !v->items && !v->keys);
		break;
	case HB_JARR:
	case HB_JOBJ:
		FUZZ_CHECK(!v->str);
		FUZZ_CHECK(v->n == 0 || v->items);
		FUZZ_CHECK(v->type == HB_JOBJ ? (v->n == 0 || v->keys) : !v->keys);
		for (size_t i = 0; i < v->n; i++) {
			if (v->type == HB_JOBJ)
				FUZZ_CHECK(v->keys[i]);
			check_tree(&v->items[i], level + 1);
		}
		break;
	default:
		FUZZ_CHECK(0);
	}
}

/* What hb_jget(v, key) must give for a key without dots: the first match. */
static const struct hb_jval *first_item(const struct hb_jval *v, const char *key)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

static void check_lookups(const struct hb_jval *root)
{
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const struct hb_jval *got = hb_jget(root, paths[i]);
		const char *s = hb_jstr(root, paths[i], NULL);

		FUZZ_CHECK(s == (got && got->type == HB_JSTR ? got->str : NULL));
	}
	FUZZ_CHECK(hb_jget(root, "") == root);
	if (root->type != HB_JOBJ)
		return;
	/* One and two levels down, by key ("" as a path means "here", not key ""). */
	for (size_t i = 0; i < root->n; i++) {
		const char *k = root->keys[i];
		const struct hb_jval *want = first_item(root, k), *child;
		char path[512];

		if (!*k || strchr(k, '.') || strlen(k) > 200)
			continue;
		FUZZ_CHECK(hb_jget(root, k) == want);
		child = want;
		if (child->type != HB_JOBJ)
			continue;
		for (size_t j = 0; j < child->n; j++) {
			const char *k2 = child->keys[j];

			if (!*k2 || strchr(k2, '.') || strlen(k2) > 200)
				continue;
			snprintf(path, sizeof(path), "%s.%s", k, k2);
			FUZZ_CHECK(hb_jget(root, path) == first_item(child, k2));
		}
	}
}

static void print_tree(FILE *f, const struct hb_jval *v)
{
	switch (v->type) {
	case HB_JNULL: fputs("null", f); break;
	case HB_JBOOL: fputs(v->boolean ? "true" : "false", f); break;
	case HB_JNUM: fprintf(f, "%.17g", v->num); break;
	case HB_JSTR: hb_json_write_escaped(f, v->str); break;
	case HB_JARR:
	case HB_JOBJ:
		fputc(v->type == HB_JOBJ ? '{' : '[', f);
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				fputc(',', f);
			if (v->type == HB_JOBJ) {
				hb_json_write_escaped(f, v->keys[i]);
				fputc(':', f);
			}
			print_tree(f, &v->items[i]);
		}
		fputc(v->type == HB_JOBJ ? '}' : ']', f);
		break;
	}
}

static int same_tree(const struct hb_jval *a, const struct hb_jval *b)
{
	if (a->type != b->type || a->n != b->n)
		return 0;
	switch (a->type) {
	case HB_JNULL: return 1;
	case HB_JBOOL: return a->boolean == b->boolean;
	case HB_JNUM: return a->num == b->num;
	case HB_JSTR: return strcmp(a->str, b->str) == 0;
	default:
		for (size_t i = 0; i < a->n; i++) {
			if (a->type == HB_JOBJ && strcmp(a->keys[i], b->keys[i]) != 0)
				return 0;
			if (!same_tree(&a->items[i], &b->items[i]))
				return 0;
		}
		return 1;
	}
}

static void check_round_trip(const struct hb_jval *root)
{
	struct hb_jval back;
	char *text = NULL, why[256];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (!f)
		return;
	print_tree(f, root);
	if (fclose(f) != 0) {
		free(text);
		return;
	}
	err = hb_jparse(text, len, &back, why, sizeof(why));
	if (err != -ENOMEM) {
		FUZZ_CHECK(err == 0);
		FUZZ_CHECK(same_tree(root, &back));
	}
	hb_jfree(&back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hb_jval root;
	char why[256];
	int err;

	/* Not NUL-terminated on purpose: the reader must keep within len. */
	why[0] = '\0';
	err = hb_jparse((const char *)data, size, &root, why, sizeof(why));
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ENOMEM);
	if (err == 0) {
		check_tree(&root, 1);
		check_lookups(&root);
		check_round_trip(&root);
	} else {
		/* A failed parse leaves nothing to free. */
		FUZZ_CHECK(root.type == HB_JNULL && root.n == 0 && !root.items && !root.keys &&
			   !root.str);
		if (err == -EINVAL)
			FUZZ_CHECK(why[0] != '\0' && fuzz_terminated(why, sizeof(why)));
	}
	hb_jfree(&root);
	FUZZ_CHECK(root.n == 0 && !root.items && !root.keys && !root.str);
	return 0;
}
