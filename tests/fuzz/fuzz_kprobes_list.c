// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: /sys/kernel/debug/kprobes/list, as hb_kprobes_list_find() reads it. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "kprobes_list.h"

/* The ENTRY_SLACK of kprobes_list.c: an entry probe may sit past endbr64. */
#define ENTRY_SLACK 4

static const struct {
	const char *sym;
	unsigned long offset;
	bool retprobe;
} queries[] = {
	{ "do_unlinkat", 0, false },  { "do_unlinkat", 0, true }, { "do_unlinkat", 4, false },
	{ "do_unlinkat", 9, false },  { "do_rmdir", 0x12, false }, { "some_mod_fn", 0, false },
	{ "filename_unlinkat", 0, true }, { "", 0, false },
};

static void check_entry(const struct hb_kprobe_entry *e, unsigned long offset, bool retprobe)
{
	const char *flavour = hb_kprobe_flavour(e);

	FUZZ_CHECK(e->retprobe == retprobe);
	if (offset)
		FUZZ_CHECK(e->offset == offset);
	else
		FUZZ_CHECK(e->offset <= ENTRY_SLACK);
	FUZZ_CHECK(flavour);
	if (e->ftrace)
		FUZZ_CHECK(strcmp(flavour, "ftrace") == 0);
	else if (e->optimized)
		FUZZ_CHECK(strcmp(flavour, "optimized") == 0);
	else
		FUZZ_CHECK(strcmp(flavour, "int3") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fuzz_fopen(data, size);

	if (!f)
		return 0;
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct hb_kprobe_entry e;
		int err;

		memset(&e, 0xa5, sizeof(e));
		rewind(f);
		err = hb_kprobes_list_find(f, queries[i].sym, queries[i].offset, queries[i].retprobe, &e);
		FUZZ_CHECK(err == 0 || err == -ENOENT);
		if (!err) {
			/* The symbol was in the text, followed by "+0x". */
			if (queries[i].sym[0]) {
				char where[64];

				snprintf(where, sizeof(where), "%s+0x", queries[i].sym);
				FUZZ_CHECK(memmem(data, size, where, strlen(where)) != NULL);
			}
			check_entry(&e, queries[i].offset, queries[i].retprobe);
		}
	}
	fclose(f);
	return 0;
}
