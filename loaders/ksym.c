// SPDX-License-Identifier: GPL-2.0-only
#include "ksym.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const char *const hb_unlinkat_candidates[] = { "do_unlinkat", "filename_unlinkat" };
const size_t hb_unlinkat_ncandidates =
	sizeof(hb_unlinkat_candidates) / sizeof(hb_unlinkat_candidates[0]);

/* Rank of name against the candidates: 2*i for an exact match, 2*i+1 for a clone. */
static int rank_of(const char *name, const char *const *cands, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t clen = strlen(cands[i]);

		if (strncmp(name, cands[i], clen) != 0)
			continue;
		if (name[clen] == '\0')
			return (int)(2 * i);
		if (name[clen] == '.' && !strstr(name + clen, ".cold"))
			return (int)(2 * i + 1);
	}
	return -1;
}

int hb_ksym_resolve(FILE *kallsyms, const char *const *candidates,
		    size_t ncandidates, char *out, size_t len)
{
	char line[512], best[256] = "";
	int best_rank = -1;

	while (fgets(line, sizeof(line), kallsyms)) {
		char type, name[256], module[64];
		int fields, rank;

		fields = sscanf(line, "%*s %c %255s %63s", &type, name, module);
		if (fields != 2 || (type != 't' && type != 'T'))
			continue;
		rank = rank_of(name, candidates, ncandidates);
		if (rank < 0 || (best_rank >= 0 && rank >= best_rank))
			continue;
		best_rank = rank;
		strcpy(best, name);
		if (rank == 0)
			break;
	}
	if (best_rank < 0)
		return -ENOENT;
	if (strlen(best) >= len)
		return -ENAMETOOLONG;
	strcpy(out, best);
	return 0;
}

int hb_ksym_resolve_running(const char *const *candidates, size_t ncandidates,
			    char *out, size_t len)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	int err;

	if (!f)
		return -errno;
	err = hb_ksym_resolve(f, candidates, ncandidates, out, len);
	fclose(f);
	return err;
}
