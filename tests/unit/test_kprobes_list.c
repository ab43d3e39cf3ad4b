// SPDX-License-Identifier: GPL-2.0-only
/* kprobes/list parsing on fixture text. */
#include <errno.h>
#include <stdio.h>

#include "fixture.h"
#include "kprobes_list.h"
#include "tap.h"

static int find(const char *sym, unsigned long off, bool ret, struct hb_kprobe_entry *e)
{
	return FIXTURE_READ("kprobes-list.txt", f, hb_kprobes_list_find(f, sym, off, ret, e));
}

int main(void)
{
	struct hb_kprobe_entry e;

	TAP_OK(find("do_unlinkat", 0, false, &e) == 0 && e.ftrace, "entry kprobe found, [FTRACE]");
	TAP_STREQ(hb_kprobe_flavour(&e), "ftrace", "its flavour is ftrace");
	TAP_OK(find("do_unlinkat", 0, true, &e) == 0 && e.retprobe && e.offset == 4,
	       "the return probe is found at its listed +0x4 (IBT)");
	TAP_OK(find("do_unlinkat", 9, false, &e) == 0 && e.optimized && !e.ftrace,
	       "an offset probe is found by its offset, [OPTIMIZED]");
	TAP_STREQ(hb_kprobe_flavour(&e), "optimized", "its flavour is optimized");
	TAP_OK(find("do_unlinkat", 16, false, &e) == 0 && !e.optimized && !e.ftrace,
	       "a probe without flags is found");
	TAP_STREQ(hb_kprobe_flavour(&e), "int3", "and is an int3 probe");
	TAP_OK(find("do_rmdir", 0x12, false, &e) == 0 && e.disabled && e.optimized,
	       "several flags on one line are all read");
	TAP_OK(find("some_mod_fn", 0, false, &e) == 0 && e.gone, "[GONE] after a module name");
	TAP_OK(find("do_unlinkat", 0x20, false, &e) == -ENOENT,
	       "an unknown probe type and a decimal offset are not entries");
	TAP_OK(find("do_unlinkat", 0x30, false, &e) == -ENOENT, "an absent offset is -ENOENT");
	TAP_OK(find("do_unlinka", 0, false, &e) == -ENOENT, "a symbol prefix does not match");
	return tap_done();
}
