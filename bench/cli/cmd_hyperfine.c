// SPDX-License-Identifier: GPL-2.0-only
/* hookbench hyperfine DIR: the whole-command cross-check (bench/analysis/hyperfine.h). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "crosscheck_rule.h"
#include "hyperfine.h"
#include "results.h"
#include "stats.h"
#include "stop.h"

#define MIN_RUNS 10

static void usage(FILE *f)
{
	fprintf(f,
	      "Usage: hookbench hyperfine DIR [--iterations N] [--rounds Q] [--runs R] [--warmup W]\n"
	      "\n"
	      "Time whole commands with hyperfine (unlink-storm bare and under each loader,\n"
	      "each loader around `true`) and put the per-call estimate beside the paired one\n"
	      "in DIR/hyperfine.csv (and DIR/hyperfine.json), by CPU time as the paired run\n"
	      "counts (wall time for a --clock wall run). Each loader's own loading,\n"
	      "attaching and detaching, as it times them, are taken out. A round counts only\n"
	      "when the bare command ran in the paired figures' speed state (the nearest of\n"
	      "DIR/states.csv's levels, and within %.0f%% of it); others are replaced, up to 1.5Q.\n"
	      "They agree when the 95%% interval overlaps the paired between-run one and its\n"
	      "half-width, and the paired one's, is at most %.0f%% of the paired estimate;\n"
	      "wider is inconclusive.\n"
	      "A QEMU -icount run is refused.\n"
	      "\n"
	      "Options:\n"
	      "  --iterations N   unlink-storm calls per command (default 200000)\n"
	      "  --rounds Q       rounds kept, each one estimate (default 20, at least 6)\n"
	      "  --runs R         runs of each command per round (default 1)\n"
	      "  --warmup W       warm-up runs before the first round (default 2)\n"
	      "\n"
	      "Example:\n  hookbench hyperfine results/20261126T120000Z --rounds 30\n",
		100 * HB_CROSSCHECK_BARE_DRIFT, 100 * HB_CROSSCHECK_MAX_HALF_WIDTH);
}

static int parse(int argc, char **argv, struct hb_hyperfine_opts *o)
{
	static const struct option opts[] = {
		{ "iterations", required_argument, NULL, 'i' },
		{ "runs", required_argument, NULL, 'r' },
		{ "rounds", required_argument, NULL, 'q' },
		{ "warmup", required_argument, NULL, 'w' },
		{}
	};
	const struct cli_number numbers[] = {
		{ 'i', "--iterations", 1000, 1000000000, &o->iterations },
		{ 'r', "--runs", 1, 1000, &o->runs },
		{ 'q', "--rounds", hb_median_ci_min_n(0.95), 1000, &o->rounds },
		{ 'w', "--warmup", 0, 1000, &o->warmup },
	};
	const struct cli_options co = {
		.opts = opts, .numbers = numbers, .nnumbers = 4, .usage = usage, .operands = true,
	};
	int err = cli_parse_options(argc, argv, &co);

	if (!err && o->runs * o->rounds < MIN_RUNS) {
		cli_error("invalid --runs '%llu' with --rounds '%llu': %llu runs per command, fewer than %d",
			  (unsigned long long)o->runs, (unsigned long long)o->rounds,
			  (unsigned long long)(o->runs * o->rounds), MIN_RUNS);
		err = -EINVAL;
	}
	if (!err && argc - optind != 1) {
		cli_error("hyperfine needs one results directory (see --help)");
		err = -EINVAL;
	}
	if (!err)
		o->dir = argv[optind];
	return err;
}

/* Does dir hold a run's files (which then must read as one)? */
static bool holds_run(const char *dir)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/meta.json", dir);
	if (!access(path, F_OK))
		return true;
	snprintf(path, sizeof(path), "%s/summary.csv", dir);
	return !access(path, F_OK);
}

/*
 * An empty directory gets the whole-command times alone. A run's directory
 * must read as one, and count ns of this machine's wall clock as hyperfine
 * does: anything else is refused.
 */
static bool counts_ns(const char *dir)
{
	struct hb_results r;
	char why[PATH_MAX + 256];
	bool ns = true;

	if (hb_results_load(&r, dir, why, sizeof(why))) {
		if (!holds_run(dir))
			return true; /* hb_hyperfine says when dir is no directory */
		cli_error("hyperfine: %s", why);
		return false;
	}
	if (strcmp(hb_results_unit(&r), "ns")) {
		cli_error("hyperfine: %s counts %s (a QEMU -icount run) and hyperfine times commands in ns "
			  "of this machine's wall clock: no cross-check", dir, hb_results_unit(&r));
		ns = false;
	}
	hb_results_free(&r);
	return ns;
}

int cmd_hyperfine(int argc, char **argv)
{
	struct hb_hyperfine_opts o = {
		.iterations = 200000, .runs = 1, .rounds = 20, .warmup = 2,
		.stop = &hb_stop_requested, .progress = stderr,
	};
	char csv_path[PATH_MAX + 32], why[PATH_MAX + 256];
	int err;

	if (parse(argc, argv, &o))
		return HB_EXIT_USAGE;
	if (!counts_ns(o.dir))
		return HB_EXIT_USAGE;
	if (hb_stop_install()) {
		cli_error("hyperfine: cannot install signal handlers: %s", strerror(errno));
		return 1;
	}
	err = hb_hyperfine(&o, csv_path, sizeof(csv_path), why, sizeof(why));
	if (err) {
		cli_error("%s", why);
		return err == -ENOTDIR ? HB_EXIT_USAGE : err == -EINTR ? HB_EXIT_INTERRUPTED : 1;
	}
	cli_give_results(o.dir, (const char *const[]){ "hyperfine.json", "hyperfine.csv" }, 2);
	printf("hyperfine: %s\n", csv_path);
	return 0;
}
