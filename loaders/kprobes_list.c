// SPDX-License-Identifier: GPL-2.0-only
#include "kprobes_list.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* An entry probe may be listed past the function's IBT landing pad (endbr64, 4 bytes). */
#define ENTRY_SLACK 4

/* Parse "ADDR  k  sym+0xOFF  [FLAGS]..." into e; false when the line is not one. */
static bool parse_line(const char *line, char *sym, size_t symlen, struct hb_kprobe_entry *e)
{
	char type, where[256];
	const char *plus, *flags;
	char *end;
	int used = 0;

	if (sscanf(line, "%*s %c %255s %n", &type, where, &used) != 2 || (type != 'k' && type != 'r'))
		return false;
	plus = strrchr(where, '+');
	if (!plus || (size_t)(plus - where) >= symlen || strncmp(plus, "+0x", 3) != 0)
		return false;
	memset(e, 0, sizeof(*e));
	e->offset = strtoul(plus + 3, &end, 16);
	if (end == plus + 3 || *end)
		return false;
	memcpy(sym, where, (size_t)(plus - where));
	sym[plus - where] = '\0';
	e->retprobe = type == 'r';
	flags = line + used;
	e->ftrace = strstr(flags, "[FTRACE]") != NULL;
	e->optimized = strstr(flags, "[OPTIMIZED]") != NULL;
	e->disabled = strstr(flags, "[DISABLED]") != NULL;
	e->gone = strstr(flags, "[GONE]") != NULL;
	return true;
}

int hb_kprobes_list_find(FILE *list, const char *sym, unsigned long offset, bool retprobe,
			 struct hb_kprobe_entry *out)
{
	struct hb_kprobe_entry e;
	char line[512], name[256];
	bool found = false;

	while (fgets(line, sizeof(line), list)) {
		if (!parse_line(line, name, sizeof(name), &e) || strcmp(name, sym) != 0 ||
		    e.retprobe != retprobe)
			continue;
		if (e.offset == offset) {
			*out = e;
			return 0;
		}
		if (offset == 0 && e.offset <= ENTRY_SLACK && !found) {
			*out = e;
			found = true;
		}
	}
	return found ? 0 : -ENOENT;
}

/*
 * A probe neither on ftrace nor optimized is the architecture's breakpoint
 * instruction: int3 on x86, brk on arm64 (which has no jump optimisation).
 */
#if defined(__aarch64__)
#define BREAKPOINT_FLAVOUR "brk"
#else
#define BREAKPOINT_FLAVOUR "int3"
#endif

const char *hb_kprobe_flavour(const struct hb_kprobe_entry *e)
{
	if (e->ftrace)
		return "ftrace";
	return e->optimized ? "optimized" : BREAKPOINT_FLAVOUR;
}
