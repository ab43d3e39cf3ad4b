// SPDX-License-Identifier: GPL-2.0-only
/* Symbol fallback on fixture kallsyms text. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "ksym.h"
#include "tap.h"

static int resolve(const char *fixture, char *out, size_t len)
{
	return FIXTURE_READ(fixture, f,
			    hb_ksym_resolve(f, hb_unlinkat_candidates, hb_unlinkat_ncandidates, out, len));
}

int main(void)
{
	char sym[64], tiny[8];

	TAP_OK(hb_unlinkat_ncandidates >= 2 && !strcmp(hb_unlinkat_candidates[0], "do_unlinkat"),
	       "do_unlinkat is tried first, then newer names");
	TAP_OK(resolve("kallsyms-do_unlinkat.txt", sym, sizeof(sym)) == 0, "today's kernel resolves");
	TAP_STREQ(sym, "do_unlinkat", "to do_unlinkat");
	TAP_OK(resolve("kallsyms-renamed.txt", sym, sizeof(sym)) == 0, "a kernel that renamed it resolves");
	TAP_STREQ(sym, "filename_unlinkat", "to the new name");
	TAP_OK(resolve("kallsyms-clone.txt", sym, sizeof(sym)) == 0, "a kernel with only a clone resolves");
	TAP_STREQ(sym, "do_unlinkat.isra.0", "to the clone, never to the .cold part");
	TAP_OK(resolve("kallsyms-both.txt", sym, sizeof(sym)) == 0, "several candidates");
	TAP_STREQ(sym, "do_unlinkat", "the exact first candidate beats its clone and later names");
	TAP_OK(resolve("kallsyms-none.txt", sym, sizeof(sym)) == -ENOENT,
	       "module, data and look-alike symbols are not the target");
	TAP_OK(resolve("kallsyms-do_unlinkat.txt", tiny, sizeof(tiny)) == -ENAMETOOLONG,
	       "a too-small buffer is reported, not overrun");
	return tap_done();
}
