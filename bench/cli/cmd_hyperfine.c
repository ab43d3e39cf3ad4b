// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench hyperfine DIR: whole commands timed by hyperfine, unlink-storm
 * bare and under each loader that runs here, as a cross-check of the
 * in-process paired estimate from an independent method.
 *
 * hyperfine runs all the runs of one command before the next, so on a
 * machine whose speed drifts by 10-30% over seconds a single invocation
 * compares commands timed at different speeds, and its spread says nothing
 * about that. The commands are therefore timed in short rounds, the order
 * reversed every other round; each round gives one estimate, and the
 * interval comes from the spread of the rounds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "cpu.h"
#include "csv.h"
#include "json_read.h"
#include "parse.h"
#include "paths.h"
#include "readfile.h"
#include "results.h"
#include "stats.h"
#include "stop.h"

extern char **environ;

#define NLOADERS 2
#define NCMDS (2 + 2 * NLOADERS)
#define MIN_RUNS 10
#define CMD_MAX (2 * PATH_MAX + 256)

static const struct { const char *loader, *hook; } loaders[NLOADERS] = {
	{ "tp-loader", "tracepoint" },
	{ "kprobe-loader", "kprobe" },
};

struct hf_opts {
	uint64_t iterations, runs, rounds, warmup;
	const char *dir;
};

/* Per command and round, the mean time of its runs in seconds (NAN: not run). */
struct hf_data {
	char cmds[NCMDS][CMD_MAX];
	bool active[NCMDS];
	double *mean[NCMDS];
	size_t rounds;
};

static void usage(FILE *f)
{
	fputs("Usage: hookbench hyperfine DIR [--iterations N] [--rounds Q] [--runs R] [--warmup W]\n"
	      "\n"
	      "Time whole commands with hyperfine: unlink-storm --mode enoent --iterations N\n"
	      "bare and under each loader this kernel runs (tp-loader, kprobe-loader; count\n"
	      "payload, bpf_stats off), and each loader around `true`, so that loading and\n"
	      "attaching drop out:\n"
	      "  ns/op = ((loader storm - loader true) - (storm - true)) / N\n"
	      "The commands are timed in Q rounds of R runs each, in reverse order every other\n"
	      "round, so that the machine's drift lands in the spread rather than in the\n"
	      "estimate: each round gives one estimate, and the result is their median with a\n"
	      "distribution-free 95% interval (Q >= 6, Q x R >= 10). W warm-up runs precede\n"
	      "the first round. Writes DIR/hyperfine.json (hyperfine's export of every round)\n"
	      "and DIR/hyperfine.csv, which puts the paired in-process estimate of\n"
	      "DIR/summary.csv (count, enoent, 1 thread) beside it and says whether they agree.\n"
	      "Defaults: N 200000, 10 rounds of 3 runs, 3 warm-ups.\n"
	      "\n"
	      "Example:\n  hookbench hyperfine results/20261126T120000Z --rounds 20\n", f);
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

/* ns per op of loader l in round r, from the four commands' means. */
static double round_estimate(const struct hf_data *d, size_t l, size_t r, uint64_t iterations)
{
	double lc = d->mean[2 + 2 * l][r], lt = d->mean[3 + 2 * l][r];
	double bc = d->mean[0][r], bt = d->mean[1][r];

	return ((lc - lt) - (bc - bt)) / (double)iterations * 1e9;
}

/* Median over the rounds of command c's mean time. */
static double median_mean(const struct hf_data *d, size_t c, double *scratch)
{
	memcpy(scratch, d->mean[c], d->rounds * sizeof(double));
	return hb_median(scratch, d->rounds);
}

static int write_csv(const struct hf_opts *o, const struct hf_data *d, const char *path)
{
	static const char *const header[] = {
		"loader", "hook", "status", "iterations", "runs", "loader_cmd_s", "loader_true_s",
		"bare_cmd_s", "bare_true_s", "ns_per_op", "ci95_low_ns", "ci95_high_ns", "paired_ns",
		"paired_ci95_low_ns", "paired_ci95_high_ns", "agree", "rounds",
	};
	enum { NCOL = sizeof(header) / sizeof(header[0]) };
	double *est = calloc(d->rounds, sizeof(double)), *scratch = calloc(d->rounds, sizeof(double));
	FILE *f = NULL;
	int err = 0;

	if (!est || !scratch) {
		err = -ENOMEM;
		goto out;
	}
	f = fopen(path, "wxe");
	if (!f) {
		err = -errno;
		goto out;
	}
	hb_csv_row(f, header, NCOL);
	for (size_t l = 0; l < NLOADERS; l++) {
		bool ran = d->active[2 + 2 * l];
		char v[NCOL][48] = { { 0 } };
		const char *row[NCOL];
		double paired[3];
		struct hb_ci ci;

		snprintf(v[0], 48, "%s", loaders[l].loader);
		snprintf(v[1], 48, "%s", loaders[l].hook);
		snprintf(v[2], 48, "%s", ran ? "ok" : "unsupported");
		snprintf(v[3], 48, "%llu", (unsigned long long)o->iterations);
		snprintf(v[4], 48, "%llu", (unsigned long long)(o->runs * o->rounds));
		snprintf(v[16], 48, "%llu", (unsigned long long)o->rounds);
		if (ran) {
			for (size_t r = 0; r < d->rounds; r++)
				est[r] = round_estimate(d, l, r, o->iterations);
			snprintf(v[5], 48, "%.6f", median_mean(d, 2 + 2 * l, scratch));
			snprintf(v[6], 48, "%.6f", median_mean(d, 3 + 2 * l, scratch));
			snprintf(v[7], 48, "%.6f", median_mean(d, 0, scratch));
			snprintf(v[8], 48, "%.6f", median_mean(d, 1, scratch));
			memcpy(scratch, est, d->rounds * sizeof(double));
			snprintf(v[9], 48, "%.1f", hb_median(scratch, d->rounds));
			hb_median_ci(est, d->rounds, 0.95, &ci);
			if (ci.valid) {
				snprintf(v[10], 48, "%.1f", ci.low);
				snprintf(v[11], 48, "%.1f", ci.high);
			}
			if (ci.valid && paired_of(o->dir, loaders[l].hook, paired)) {
				snprintf(v[12], 48, "%.1f", paired[0]);
				snprintf(v[13], 48, "%.1f", paired[1]);
				snprintf(v[14], 48, "%.1f", paired[2]);
				snprintf(v[15], 48, "%s", ci.low <= paired[2] && paired[1] <= ci.high ? "yes" : "no");
			}
		}
		for (int k = 0; k < NCOL; k++)
			row[k] = v[k];
		hb_csv_row(f, row, NCOL);
	}
	if (fclose(f))
		err = -errno;
out:
	free(est);
	free(scratch);
	return err;
}

/* Read one round's export into d (round r) and append its text to combined. */
static int read_round(struct hf_data *d, size_t r, const char *path, FILE *combined, char *why,
		      size_t whylen)
{
	const struct hb_jval *results;
	struct hb_jval json;
	char *text = NULL;
	size_t len;
	int err;

	err = hb_read_file(path, 64 << 20, &text, &len, why, whylen);
	if (!err)
		err = hb_jparse(text, len, &json, why, whylen);
	if (err)
		goto out;
	results = hb_jget(&json, "results");
	for (size_t c = 0; c < NCMDS; c++) {
		d->mean[c][r] = NAN;
		for (size_t i = 0; d->active[c] && results && i < results->n; i++) {
			const struct hb_jval *item = &results->items[i], *mean = hb_jget(item, "mean");

			if (!strcmp(hb_jstr(item, "command", ""), d->cmds[c]) && mean && mean->type == HB_JNUM)
				d->mean[c][r] = mean->num;
		}
		if (d->active[c] && isnan(d->mean[c][r])) {
			snprintf(why, whylen, "%s: no mean time for '%s'", path, d->cmds[c]);
			err = -EINVAL;
		}
	}
	hb_jfree(&json);
	if (!err && (fprintf(combined, "%s\n", r ? "," : "") < 0 || fwrite(text, 1, len, combined) != len)) {
		snprintf(why, whylen, "cannot write the combined export: %s", strerror(errno));
		err = -EIO;
	}
out:
	free(text);
	return err;
}

/*
 * Run hyperfine once: the active commands in order (or reversed), exporting
 * to json. Its warnings go to logfd, shown only when it fails.
 */
static int run_round(const struct hf_opts *o, struct hf_data *d, size_t r, const char *json, int logfd)
{
	char runs[24], warm[24], *argv[8 + 2 + NCMDS + 1];
	posix_spawn_file_actions_t fa;
	bool killed = false;
	int n = 0, status, err;
	pid_t pid;

	snprintf(runs, sizeof(runs), "%llu", (unsigned long long)o->runs);
	snprintf(warm, sizeof(warm), "%llu", (unsigned long long)(r ? 0 : o->warmup));
	argv[n++] = "hyperfine";
	argv[n++] = "--shell=none";
	argv[n++] = "--style=none";
	argv[n++] = "--runs";
	argv[n++] = runs;
	argv[n++] = "--warmup";
	argv[n++] = warm;
	argv[n++] = "--export-json";
	argv[n++] = (char *)json;
	for (size_t k = 0; k < NCMDS; k++) {
		size_t c = r % 2 ? NCMDS - 1 - k : k;

		if (d->active[c])
			argv[n++] = d->cmds[c];
	}
	argv[n] = NULL;
	if (ftruncate(logfd, 0) || lseek(logfd, 0, SEEK_SET))
		return -errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, logfd, STDERR_FILENO);
	err = posix_spawnp(&pid, "hyperfine", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return -err;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
		if (hb_stop_requested && !killed) {
			kill(pid, SIGTERM);
			killed = true;
		}
	}
	if (hb_stop_requested)
		return -EINTR;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -ECHILD;
}

static int parse(int argc, char **argv, struct hf_opts *o)
{
	static const struct option opts[] = {
		{ "iterations", required_argument, NULL, 'i' },
		{ "runs", required_argument, NULL, 'r' },
		{ "rounds", required_argument, NULL, 'q' },
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
		case 'r': err = cli_u64("--runs", optarg, 1, 1000, &o->runs); break;
		case 'q': err = cli_u64("--rounds", optarg, hb_median_ci_min_n(0.95), 1000, &o->rounds); break;
		case 'w': err = cli_u64("--warmup", optarg, 0, 1000, &o->warmup); break;
		case 'h': usage(stdout); exit(0);
		default: err = cli_getopt_error(c, argv);
		}
	}
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

static int set_commands(struct hf_data *d, const struct hf_opts *o)
{
	char storm[PATH_MAX];
	int err = hb_path_program("unlink-storm", storm, sizeof(storm));

	if (err) {
		cli_error("hyperfine: cannot find unlink-storm beside hookbench: %s", strerror(-err));
		return err;
	}
	snprintf(d->cmds[0], CMD_MAX, "%.3000s --mode enoent --iterations %llu --cpu %u",
		 storm, (unsigned long long)o->iterations, hb_default_cpu());
	snprintf(d->cmds[1], CMD_MAX, "true");
	d->active[0] = d->active[1] = true;
	for (size_t l = 0; l < NLOADERS; l++) {
		char path[PATH_MAX];

		if (hb_path_program(loaders[l].loader, path, sizeof(path)))
			continue;
		snprintf(d->cmds[2 + 2 * l], CMD_MAX, "%.3000s --no-stats -- %.4200s", path, d->cmds[0]);
		snprintf(d->cmds[3 + 2 * l], CMD_MAX, "%.3000s --no-stats -- true", path);
		d->active[2 + 2 * l] = d->active[3 + 2 * l] = loader_runs(path);
	}
	return 0;
}

/* The end of what hyperfine wrote to logfd, on stderr. */
static void show_log(int logfd)
{
	char buf[2048];
	off_t end = lseek(logfd, 0, SEEK_END);
	ssize_t n;

	if (end < 0)
		return;
	n = pread(logfd, buf, sizeof(buf) - 1, end > (off_t)sizeof(buf) - 1 ? end - (off_t)sizeof(buf) + 1 : 0);
	if (n > 0) {
		buf[n] = 0;
		fputs(buf, stderr);
	}
}

/* Print round r's estimate for each loader that ran. */
static void show_round(const struct hf_opts *o, const struct hf_data *d, size_t r)
{
	fprintf(stderr, "hookbench: hyperfine: round %zu of %llu:", r + 1, (unsigned long long)o->rounds);
	for (size_t l = 0; l < NLOADERS; l++)
		if (d->active[2 + 2 * l])
			fprintf(stderr, " %s %.1f ns/op", loaders[l].loader, round_estimate(d, l, r, o->iterations));
	fputc('\n', stderr);
}

/* Every round, each exported to a scratch file and appended to DIR/hyperfine.json. */
static int measure(const struct hf_opts *o, struct hf_data *d, const char *json_path)
{
	char scratch[PATH_MAX + 64], log[PATH_MAX + 64], why[PATH_MAX + 128];
	FILE *combined = fopen(json_path, "wxe");
	int fd = -1, logfd = -1, err = 0;

	if (!combined) {
		err = -errno;
		cli_error("hyperfine: cannot create %s: %s", json_path, strerror(-err));
		return err;
	}
	snprintf(scratch, sizeof(scratch), "%s/.hyperfine-round.XXXXXX", o->dir);
	snprintf(log, sizeof(log), "%s/.hyperfine-log.XXXXXX", o->dir);
	fd = mkostemp(scratch, O_CLOEXEC);
	if (fd >= 0)
		logfd = mkostemp(log, O_CLOEXEC);
	if (fd < 0 || logfd < 0) {
		err = -errno;
		cli_error("hyperfine: cannot create a scratch file in %s: %s", o->dir, strerror(errno));
		goto out;
	}
	fprintf(combined, "{\"iterations\": %llu, \"rounds\": [\n", (unsigned long long)o->iterations);
	for (size_t r = 0; r < o->rounds && !err; r++) {
		err = hb_stop_requested ? -EINTR : run_round(o, d, r, scratch, logfd);
		if (err == -ENOENT) {
			cli_error("hyperfine is not installed (apt-get install hyperfine)");
		} else if (err == -EINTR) {
			cli_error("hyperfine: interrupted in round %zu; nothing written", r + 1);
		} else if (err) {
			show_log(logfd);
			cli_error("hyperfine failed in round %zu", r + 1);
		} else if ((err = read_round(d, r, scratch, combined, why, sizeof(why)))) {
			cli_error("hyperfine: %s", why);
		} else {
			d->rounds = r + 1;
			show_round(o, d, r);
		}
	}
	if (!err)
		fputs("]}\n", combined);
out:
	if (fd >= 0) {
		close(fd);
		unlink(scratch);
	}
	if (logfd >= 0) {
		close(logfd);
		unlink(log);
	}
	if (fclose(combined) && !err)
		err = -errno;
	if (err)
		unlink(json_path);
	return err;
}

int cmd_hyperfine(int argc, char **argv)
{
	struct hf_opts o = { .iterations = 200000, .runs = 3, .rounds = 10, .warmup = 3 };
	char json_path[PATH_MAX + 32], csv_path[PATH_MAX + 32];
	struct hf_data d = { 0 };
	struct stat st;
	int ret = 1, err, ncmds = 0;

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
	if (hb_stop_install()) {
		cli_error("hyperfine: cannot install signal handlers: %s", strerror(errno));
		return 1;
	}
	for (size_t c = 0; c < NCMDS; c++) {
		d.mean[c] = calloc(o.rounds, sizeof(double));
		if (!d.mean[c]) {
			cli_error("hyperfine: out of memory");
			goto out;
		}
	}
	if (set_commands(&d, &o))
		goto out;
	for (size_t c = 0; c < NCMDS; c++)
		ncmds += d.active[c];
	fprintf(stderr, "hookbench: hyperfine: %d commands, %llu rounds of %llu runs each\n", ncmds,
		(unsigned long long)o.rounds, (unsigned long long)o.runs);
	err = measure(&o, &d, json_path);
	if (err) {
		ret = err == -EINTR ? HB_EXIT_INTERRUPTED : 1;
		goto out;
	}
	err = write_csv(&o, &d, csv_path);
	if (err) {
		cli_error("hyperfine: cannot write %s: %s", csv_path, strerror(-err));
		unlink(json_path);
		goto out;
	}
	printf("hyperfine: %s\n", csv_path);
	ret = 0;
out:
	for (size_t c = 0; c < NCMDS; c++)
		free(d.mean[c]);
	return ret;
}
