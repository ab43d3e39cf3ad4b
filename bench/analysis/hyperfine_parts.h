/* SPDX-License-Identifier: GPL-2.0-only */
/* What the pieces of the hyperfine cross-check share. */
#ifndef HB_HYPERFINE_PARTS_H
#define HB_HYPERFINE_PARTS_H

#include <limits.h>

#include "hyperfine.h"

#define HF_NLOADERS 2
#define HF_NCMDS (2 + 2 * HF_NLOADERS)
#define HF_CMD_MAX (2 * PATH_MAX + 256)

/* The commands, by index: the bare storm, `true`, then each loader around both. */
#define HF_BARE_STORM 0
#define HF_BARE_TRUE 1
#define HF_LOADER_STORM(l) (2 + 2 * (l))
#define HF_LOADER_TRUE(l) (3 + 2 * (l))

struct hf_data {
	const char *loader[HF_NLOADERS];
	const char *hook[HF_NLOADERS];   /* the hook each loader attaches */
	char cmds[HF_NCMDS][HF_CMD_MAX];
	bool active[HF_NCMDS];           /* runs here */
	double *mean[HF_NCMDS];          /* per round, the mean of its runs in seconds */
	size_t rounds;                   /* rounds done */
};

/* ns per op of loader l in round r, from the four commands' means. */
double hf_round_estimate(const struct hf_data *d, size_t l, size_t r, uint64_t iterations);

/*
 * Every round, each exported to a scratch file and appended to json_path.
 * Returns 0, -ENOENT without hyperfine, -EINTR when stopped, or -errno,
 * with why. json_path is removed on failure.
 */
int hf_measure(const struct hb_hyperfine_opts *o, struct hf_data *d, const char *json_path,
	       char *why, size_t whylen);

/* hyperfine.csv from the rounds, beside the paired estimate of o->dir. 0 or -errno. */
int hf_write_csv(const struct hb_hyperfine_opts *o, const struct hf_data *d, const char *path);

#endif
