/* SPDX-License-Identifier: GPL-2.0-only */
/* What the pieces of the hyperfine cross-check share. */
#ifndef HB_HYPERFINE_PARTS_H
#define HB_HYPERFINE_PARTS_H

#include <limits.h>

#include "crosscheck_states.h"
#include "hyperfine.h"
#include "results.h"

#define HF_NLOADERS 2
#define HF_NCMDS (2 + 2 * HF_NLOADERS)
#define HF_CMD_MAX (3 * PATH_MAX + 256)
/* Rounds left out (another speed state) are replaced, up to half as many again as asked for. */
#define HF_MAX_ROUNDS(asked) ((asked) + (asked) / 2)

/* The commands, by index: the bare storm, `true`, then each loader around both. */
#define HF_BARE_STORM 0
#define HF_BARE_TRUE 1
#define HF_LOADER_STORM(l) (2 + 2 * (l))
#define HF_LOADER_TRUE(l) (3 + 2 * (l))

struct hf_data {
	const char *loader[HF_NLOADERS];
	const char *hook[HF_NLOADERS];   /* the hook each loader attaches */
	char cmds[HF_NCMDS][HF_CMD_MAX];
	char timing[HF_NCMDS][PATH_MAX + 64]; /* a loader command's --timing file; "" for the bare ones */
	bool active[HF_NCMDS];           /* runs here */
	bool cpu;                        /* time by CPU (user + system), as the paired run's
					  * --clock cpu does; else by the wall clock */
	double *mean[HF_NCMDS];          /* per round, the mean of its runs in seconds (CPU or wall) */
	double *outside[HF_NCMDS];       /* per round, the loader's own mean time outside the
					  * attached window (load, attach, detach), s; 0 for bare */
	bool *kept;                      /* per round: its bare command ran in the paired state */
	size_t rounds;                   /* rounds done */
	size_t nkept;                    /* of them kept */
	size_t max_rounds;               /* rounds allocated: the most that may be timed */
	const struct hb_results *run;    /* the paired run; NULL when the directory holds none */
	long paired_row[HF_NLOADERS];    /* each loader's paired row in run, or -1 */
	struct hb_state_levels levels;   /* the paired run's speed states (enoent, 1 thread) */
};

/* ns per op of loader l in round r, from the four commands' means less the loader's own time. */
double hf_round_estimate(const struct hf_data *d, size_t l, size_t r, uint64_t iterations);

/* ns per op of the bare command in round r: (storm - true) / iterations. */
double hf_round_bare(const struct hf_data *d, size_t r, uint64_t iterations);

/*
 * The mean over the last `runs` lines of a loader's --timing file (earlier
 * ones are warm-up runs) of its own time: its CPU time (the fourth number
 * of a line) when cpu, else its wall time outside the attached window (the
 * first plus the third). 0, or -EINVAL for fewer lines or one that does
 * not read, -errno when the file does not open; why says which.
 */
int hf_read_outside(const char *path, uint64_t runs, bool cpu, double *mean, char *why,
		    size_t whylen);

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
