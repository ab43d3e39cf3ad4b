/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hyperfine cross-check: unlink-storm timed as a whole command, bare
 * and under each loader that runs here, by hyperfine, against the
 * in-process paired estimate.
 *
 * hyperfine runs all the runs of one command before the next, so on a
 * machine whose speed drifts by 10-30% over seconds a single invocation
 * compares commands timed at different speeds, and its spread says nothing
 * about that. The commands are therefore timed in short rounds, the order
 * reversed every other round; each round gives one estimate, and the
 * interval comes from the spread of the rounds.
 */
#ifndef HB_HYPERFINE_H
#define HB_HYPERFINE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct hb_hyperfine_opts {
	uint64_t iterations; /* unlink-storm's iterations per command */
	uint64_t rounds;
	uint64_t runs;       /* per command and round */
	uint64_t warmup;     /* runs before the first round */
	const char *dir;     /* a results directory */
	const _Atomic bool *stop; /* becomes true when the user asks to stop */
	FILE *progress;      /* a line per round; hyperfine's own messages when it fails */
};

/*
 * Time the commands and write dir/hyperfine.json (hyperfine's export of
 * every round) and dir/hyperfine.csv (csv_path gets its name). Returns 0;
 * -ENOTDIR when dir is not a directory, -EEXIST when either file is there
 * already, -EINTR when stopped, or another -errno; why is then a line that
 * says what went wrong. Nothing is left behind on failure.
 */
int hb_hyperfine(const struct hb_hyperfine_opts *o, char *csv_path, size_t pathlen, char *why,
		 size_t whylen);

#endif
