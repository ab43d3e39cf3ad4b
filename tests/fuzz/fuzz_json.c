// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: what of ours reads JSON (meta.json, hyperfine's
 * export) on top of json-c: the strict parse with its reasons, lookups by
 * dotted path, the hyperfine means and the syscall_path_programs list. A
 * document that parses is printed by json-c and must parse again to the
 * same text.
 */
#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "hyperfine_export.h"
#include "json_read.h"
#include "syscall_programs.h"

#define MAX_KEY 255 /* hb_jget() never finds a longer key */
#define MAX_CMDS 16

/* Paths report, plot and hyperfine look up, and some odd ones, with the keys they step through. */
static const struct {
	const char *path;
	const char *keys[4];
} paths[] = {
	{ "kernel.release", { "kernel", "release" } },
	{ "kernel.config.KPROBES", { "kernel", "config", "KPROBES" } },
	{ "settings.clock", { "settings", "clock" } },
	{ "cpu.nproc", { "cpu", "nproc" } },
	{ "timing", { "timing" } },
	{ "results", { "results" } },
	{ "vm.command_line", { "vm", "command_line" } },
	{ "syscall_path_programs", { "syscall_path_programs" } },
	{ "ringbuf_reader_cpu", { "ringbuf_reader_cpu" } },
	{ "", { NULL } },
	{ ".", { "" } },
	{ "a..b", { "a", "", "b" } },
	{ "kernel.", { "kernel" } },
};

/* The value at keys, stepped through with json-c alone. */
static struct json_object *follow(struct json_object *v, const char *const *keys)
{
	for (; v && *keys; keys++) {
		struct json_object *next = NULL;

		if (!json_object_is_type(v, json_type_object))
			return NULL;
		json_object_object_get_ex(v, *keys, &next);
		v = next;
	}
	return v;
}

static void check_path(struct json_object *root, const char *path, const char *const *keys)
{
	struct json_object *got = hb_jget(root, path);
	const char *s = hb_jstr(root, path, NULL);
	double want = -0.5; /* the fallback */

	FUZZ_CHECK(got == follow(root, keys));
	FUZZ_CHECK(s == (json_object_is_type(got, json_type_string) ? json_object_get_string(got) : NULL));
	if ((json_object_is_type(got, json_type_int) || json_object_is_type(got, json_type_double)) &&
	    isfinite(json_object_get_double(got)))
		want = json_object_get_double(got);
	FUZZ_CHECK(hb_jnum(root, path, -0.5) == want);
}

/* Each key of the top object, and of the objects in it, as a path. */
static void check_lookups(struct json_object *root)
{
	char path[2 * MAX_KEY + 2];

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		check_path(root, paths[i].path, paths[i].keys);
	FUZZ_CHECK(hb_jget(root, "") == root);
	if (!json_object_is_type(root, json_type_object))
		return;
	json_object_object_foreach(root, k, child) {
		if (strlen(k) > MAX_KEY || strchr(k, '.'))
			continue;
		if (*k)
			FUZZ_CHECK(hb_jget(root, k) == child);
		if (!json_object_is_type(child, json_type_object))
			continue;
		json_object_object_foreach(child, k2, grandchild) {
			if (strlen(k2) > MAX_KEY || strchr(k2, '.'))
				continue;
			snprintf(path, sizeof(path), "%s.%s", k, k2);
			/* "k." ends at k: an empty last key is no step. */
			FUZZ_CHECK(hb_jget(root, path) == (*k2 ? grandchild : child));
		}
	}
}

/* Every mean given is finite and is the last one of an entry for that command. */
static void check_means(struct json_object *root)
{
	struct json_object *results = hb_jget(root, "results");
	const char *cmds[MAX_CMDS] = { "true", "" };
	double means[MAX_CMDS];
	size_t n = 2, len = json_object_is_type(results, json_type_array) ?
				    json_object_array_length(results) : 0;

	for (size_t i = 0; i < len && n < MAX_CMDS; i++) {
		const char *c = hb_jstr(json_object_array_get_idx(results, i), "command", NULL);

		if (c)
			cmds[n++] = c;
	}
	hb_hyperfine_means(root, cmds, n, means);
	for (size_t c = 0; c < n; c++) {
		double last = NAN;

		for (size_t i = 0; i < len; i++) {
			struct json_object *item = json_object_array_get_idx(results, i);
			const char *command = hb_jstr(item, "command", NULL);
			double mean = hb_jnum(item, "mean", NAN);

			if (command && !strcmp(command, cmds[c]) && !isnan(mean))
				last = mean;
		}
		FUZZ_CHECK(isnan(means[c]) ? isnan(last) : isfinite(means[c]) && means[c] == last);
	}
}

static void check_programs(struct json_object *root)
{
	struct json_object *list = hb_jget(root, "syscall_path_programs");
	size_t n = hb_syscall_prog_count(root);

	FUZZ_CHECK(n == (json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0));
	for (size_t i = 0; i <= n && i < 64; i++) {
		struct hb_syscall_prog p;
		char *end;

		hb_syscall_prog_get(root, i, &p);
		FUZZ_CHECK(p.type && p.name && p.attach && fuzz_terminated(p.id, sizeof(p.id)));
		if (strcmp(p.id, "?")) {
			strtoll(p.id, &end, 10);
			FUZZ_CHECK(*p.id && !*end);
		}
		if (i == n)
			FUZZ_CHECK(!strcmp(p.id, "?") && !strcmp(p.name, "?"));
	}
}

/* json-c's printing of what we parsed parses again, to the same printing. */
static void check_round_trip(struct json_object *root)
{
	const char *text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN);
	struct json_object *back = NULL;
	char why[256];
	int err;

	if (!text)
		return;
	err = hb_jparse(text, strlen(text), &back, why, sizeof(why));
	if (err != -ENOMEM) {
		FUZZ_CHECK(err == 0);
		FUZZ_CHECK(!strcmp(text, json_object_to_json_string_ext(back, JSON_C_TO_STRING_PLAIN)));
	}
	json_object_put(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *root = (struct json_object *)&root;
	char why[256];
	int err;

	/* Not NUL-terminated on purpose: the reader must keep within size. */
	why[0] = '\0';
	err = hb_jparse((const char *)data, size, &root, why, sizeof(why));
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ENOMEM);
	if (err) {
		FUZZ_CHECK(root == NULL);
		if (err == -EINVAL)
			FUZZ_CHECK(why[0] != '\0' && fuzz_terminated(why, sizeof(why)));
		return 0;
	}
	check_lookups(root);
	check_means(root);
	check_programs(root);
	check_round_trip(root);
	json_object_put(root);
	return 0;
}
