// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench hyperfine DIR: whole commands timed by hyperfine, unlink-storm
 * bare and under each loader that runs here, as a cross-check of the
 * in-process paired estimate from an independent method.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build_info.h"
#include "cli.h"
#include "commands.h"
#include "cpu.h"
#include "csv.h"
#include "json_read.h"
#include "parse.h"
#include "results.h"

extern char **environ;

static const struct { const char *loader, *hook; } loaders[] = {
	{ "tp-loader", "tracepoint" },
	{ "kprobe-loader", "kprobe" },
};

struct hf_opts {
	uint64_t iterations, runs, warmup;
	const char *dir;
};

static void usage(FILE *f)
{
	fputs("Usage: hookbench hyperfine DIR [--iterations N] [--runs R] [--warmup W]\n"
	      "\n"
	      "Time whole commands with hyperfine: unlink-storm --mode enoent --iterations N\n"
	      "bare and under each loader this kernel runs (tp-loader, kprobe-loader; count\n"
	      "payload, bpf_stats off), and each loader around `true`, so that loading and\n"
	      "attaching drop out:\n"
	      "  ns/op = ((loader storm - loader true) - (storm - true)) / N\n"
	      "with a 95% interval from the runs' spread. Writes DIR/hyperfine.json (hyperfine's\n"
	      "export) and DIR/hyperfine.csv, which puts the paired in-process estimate of\n"
	      "DIR/summary.csv (count, enoent, 1 thread) beside it and says whether they agree.\n"
	      "Defaults: N 200000, 10 runs, 3 warm-ups.\n"
	      "\n"
	      "Example:\n  hookbench hyperfine results/20261126T120000Z\n", f);
}

static int run_quiet(char *const argv[], int *status)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return -err;
	if (waitpid(pid, status, 0) < 0)
		return -errno;
	return 0;
}

/* Does this loader run here? `loader -- true` exits 77 when the kernel lacks its hook. */
static bool loader_runs(const char *loader)
{
	char *argv[] = { (char *)loader, "--", "true", NULL };
	int status;

	return run_quiet(argv, &status) == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

struct timing {
	double mean, sem; /* seconds */
	bool found;
};

static struct timing timing_of(const struct hb_jval *results, const char *command)
{
	struct timing t = { 0 };

	for (size_t i = 0; results && i < results->n; i++) {
		const struct hb_jval *r = &results->items[i];
		const struct hb_jval *times = hb_jget(r, "times"), *mean = hb_jget(r, "mean");
		const struct hb_jval *sd = hb_jget(r, "stddev");

		if (strcmp(hb_jstr(r, "command", ""), command) || !mean || mean->type != HB_JNUM)
			continue;
		t.found = true;
		t.mean = mean->num;
		t.sem = sd && sd->type == HB_JNUM && times && times->n > 1 ? sd->num / sqrt((double)times->n) : NAN;
	}
	return t;
}

/* The paired estimate in summary.csv for hook (count, enoent, 1 thread). */
static bool paired_of(const char *dir, const char *hook, double out[3])
{
	struct hb_results r;
	char why[256];
	bool found = false;

	if (hb_results_load(&r, dir, why, sizeof(why)))
		return false;
	for (size_t i = 0; i < r.summary.nrows && !found; i++) {
		if (strcmp(hb_results_str(&r, i, "hook"), hook) ||
		    strcmp(hb_results_str(&r, i, "payload"), "count") ||
		    strcmp(hb_results_str(&r, i, "mode"), "enoent") ||
		    strcmp(hb_results_str(&r, i, "threads"), "1") ||
		    strcmp(hb_results_str(&r, i, "status"), "ok"))
			continue;
		out[0] = hb_results_num(&r, i, "overhead_ns_per_event");
		out[1] = hb_results_num(&r, i, "ci95_low_ns");
		out[2] = hb_results_num(&r, i, "ci95_high_ns");
		found = true;
	}
	hb_results_free(&r);
	return found;
}

static int write_csv(const struct hf_opts *o, const struct hb_jval *json, char cmds[][2 * PATH_MAX + 256],
		     const bool *ran, const char *path)
{
	static const char *const header[] = {
		"loader", "hook", "status", "iterations", "runs", "loader_cmd_s", "loader_true_s",
		"bare_cmd_s", "bare_true_s", "ns_per_op", "ci95_low_ns", "ci95_high_ns", "paired_ns",
		"paired_ci95_low_ns", "paired_ci95_high_ns", "agree",
	};
	const struct hb_jval *results = hb_jget(json, "results");
	struct timing bare = timing_of(results, cmds[0]), bare_true = timing_of(results, cmds[1]);
	FILE *f = fopen(path, "wxe");

	if (!f)
		return -errno;
	hb_csv_row(f, header, sizeof(header) / sizeof(header[0]));
	for (size_t l = 0; l < sizeof(loaders) / sizeof(loaders[0]); l++) {
		struct timing lc = timing_of(results, cmds[2 + 2 * l]);
		struct timing lt = timing_of(results, cmds[3 + 2 * l]);
		char v[16][48] = { { 0 } };
		const char *row[16];
		double paired[3] = { NAN, NAN, NAN }, est, half;
		bool have_paired = paired_of(o->dir, loaders[l].hook, paired);

		snprintf(v[0], 48, "%s", loaders[l].loader);
		snprintf(v[1], 48, "%s", loaders[l].hook);
		snprintf(v[2], 48, "%s", ran[l] ? "ok" : "unsupported");
		snprintf(v[3], 48, "%llu", (unsigned long long)o->iterations);
		snprintf(v[4], 48, "%llu", (unsigned long long)o->runs);
		if (ran[l] && lc.found && lt.found && bare.found && bare_true.found) {
			est = ((lc.mean - lt.mean) - (bare.mean - bare_true.mean)) / (double)o->iterations * 1e9;
			half = 1.96 * sqrt(lc.sem * lc.sem + lt.sem * lt.sem + bare.sem * bare.sem +
					   bare_true.sem * bare_true.sem) / (double)o->iterations * 1e9;
			snprintf(v[5], 48, "%.6f", lc.mean);
			snprintf(v[6], 48, "%.6f", lt.mean);
			snprintf(v[7], 48, "%.6f", bare.mean);
			snprintf(v[8], 48, "%.6f", bare_true.mean);
			snprintf(v[9], 48, "%.1f", est);
			snprintf(v[10], 48, "%.1f", est - half);
			snprintf(v[11], 48, "%.1f", est + half);
			if (have_paired) {
				snprintf(v[12], 48, "%.1f", paired[0]);
				snprintf(v[13], 48, "%.1f", paired[1]);
				snprintf(v[14], 48, "%.1f", paired[2]);
				snprintf(v[15], 48, "%s",
					 est - half <= paired[2] && paired[1] <= est + half ? "yes" : "no");
			}
		}
		for (int k = 0; k < 16; k++)
			row[k] = v[k];
		hb_csv_row(f, row, 16);
	}
	return fclose(f) ? -errno : 0;
}

static int parse(int argc, char **argv, struct hf_opts *o)
{
	static const struct option opts[] = {
		{ "iterations", required_argument, NULL, 'i' },
		{ "runs", required_argument, NULL, 'r' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c, err = 0;

	opterr = 0;
	optind = 1;
	while (!err && (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': err = cli_u64("--iterations", optarg, 1000, 1000000000, &o->iterations); break;
		case 'r': err = cli_u64("--runs", optarg, 10, 10000, &o->runs); break;
		case 'w': err = cli_u64("--warmup", optarg, 0, 1000, &o->warmup); break;
		case 'h': usage(stdout); exit(0);
		default: err = cli_getopt_error(c, argv);
		}
	}
	if (!err && argc - optind != 1) {
		cli_error("hyperfine needs one results directory (see --help)");
		err = -EINVAL;
	}
	if (!err)
		o->dir = argv[optind];
	return err;
}

int cmd_hyperfine(int argc, char **argv)
{
	struct hf_opts o = { .iterations = 200000, .runs = 10, .warmup = 3 };
	char cmds[2 + 2 * 2][2 * PATH_MAX + 256], json_path[PATH_MAX + 32], csv_path[PATH_MAX + 32];
	char runs[16], warm[16], why[512], *hf[24];
	const char *build = HB_BUILD_DIR;
	bool ran[2] = { false, false };
	struct hb_jval json;
	struct stat st;
	int n = 0, status, err;

	if (parse(argc, argv, &o))
		return HB_EXIT_USAGE;
	snprintf(json_path, sizeof(json_path), "%s/hyperfine.json", o.dir);
	snprintf(csv_path, sizeof(csv_path), "%s/hyperfine.csv", o.dir);
	if (stat(o.dir, &st) || !S_ISDIR(st.st_mode)) {
		cli_error("hyperfine: %s: no such directory", o.dir);
		return HB_EXIT_USAGE;
	}
	if (!access(json_path, F_OK) || !access(csv_path, F_OK)) {
		cli_error("hyperfine: refusing to overwrite %s/hyperfine.{json,csv}", o.dir);
		return 1;
	}
	snprintf(cmds[0], sizeof(cmds[0]), "%s/workloads/unlink-storm --mode enoent --iterations %llu --cpu %u",
		 build, (unsigned long long)o.iterations, hb_default_cpu());
	snprintf(cmds[1], sizeof(cmds[1]), "true");
	snprintf(runs, sizeof(runs), "%llu", (unsigned long long)o.runs);
	snprintf(warm, sizeof(warm), "%llu", (unsigned long long)o.warmup);
	hf[n++] = "hyperfine";
	hf[n++] = "--shell=none";
	hf[n++] = "--style=basic";
	hf[n++] = "--runs";
	hf[n++] = runs;
	hf[n++] = "--warmup";
	hf[n++] = warm;
	hf[n++] = "--export-json";
	hf[n++] = json_path;
	hf[n++] = cmds[0];
	hf[n++] = cmds[1];
	for (size_t l = 0; l < sizeof(loaders) / sizeof(loaders[0]); l++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%.3000s/loaders/%s", build, loaders[l].loader);
		snprintf(cmds[2 + 2 * l], sizeof(cmds[0]), "%s --no-stats -- %.4200s", path, cmds[0]);
		snprintf(cmds[3 + 2 * l], sizeof(cmds[0]), "%s --no-stats -- true", path);
		ran[l] = loader_runs(path);
		if (ran[l]) {
			hf[n++] = cmds[2 + 2 * l];
			hf[n++] = cmds[3 + 2 * l];
		}
	}
	hf[n] = NULL;
	fprintf(stderr, "hookbench: hyperfine: %d commands, %s runs each\n", n - 9, runs);
	{
		posix_spawn_file_actions_t fa;
		pid_t pid;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
		err = posix_spawnp(&pid, "hyperfine", &fa, NULL, hf, environ);
		posix_spawn_file_actions_destroy(&fa);
		if (err == ENOENT) {
			cli_error("hyperfine is not installed (apt-get install hyperfine)");
			return 1;
		}
		if (err || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
			cli_error("hyperfine failed");
			return 1;
		}
	}
	err = hb_jload(json_path, &json, why, sizeof(why));
	if (err) {
		cli_error("hyperfine: %s", why);
		return 1;
	}
	err = write_csv(&o, &json, cmds, ran, csv_path);
	hb_jfree(&json);
	if (err) {
		cli_error("hyperfine: cannot write %s: %s", csv_path, strerror(-err));
		return 1;
	}
	printf("hyperfine: %s\n", csv_path);
	return 0;
}
