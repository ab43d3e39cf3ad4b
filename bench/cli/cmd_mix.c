// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench mix: which syscalls this machine makes, and unlinkat's share of
 * them, counted system-wide for a while into mix.csv (common/mix_schema.h),
 * the share report.md's decision is then made at.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "runlock.h"
#include "commands.h"
#include "mix.h"
#include "mix_csv.h"
#include "parse.h"
#include "stop.h"
#include "sudo_user.h"
#include "syscall_counter.h"

#define DEFAULT_SECONDS 10.0
#define MAX_SECONDS 86400.0

static void usage(FILE *f)
{
	fprintf(f,
"Usage: hookbench mix [--seconds S] [--out FILE]\n"
"\n"
"Count every syscall of every process on this machine (hookbench's own left\n"
"out) for S seconds with a raw_tp program on sys_enter, write them to FILE by\n"
"count, and print unlinkat's share of them and the most frequent three. Run it\n"
"on the machine the agent will run on, while it does its usual work; then\n"
"'hookbench report --mix FILE DIR' makes the decision at that share. Needs root.\n"
"Ctrl-C stops early: what was counted until then is still written (exit 130).\n"
"\n"
"Options:\n"
"  --seconds S   how long to count, 0.1 to %.0f (default %.0f)\n"
"  --out FILE    where to write the counts (default mix.csv)\n"
"\n"
"Examples:\n"
"  hookbench mix --seconds 60\n"
"  hookbench mix --seconds 300 --out results/20261126T120000Z/mix.csv\n",
		MAX_SECONDS, DEFAULT_SECONDS);
}

struct mix_args {
	double seconds;
	const char *out;
};

static int one_option(int c, const char *arg, void *ctx)
{
	struct mix_args *a = ctx;

	switch (c) {
	case 's':
		if (hb_parse_double(arg, 0.1, MAX_SECONDS, &a->seconds)) {
			cli_error("invalid --seconds '%s': must be a number of seconds from 0.1 to %.0f",
				  arg, MAX_SECONDS);
			return -EINVAL;
		}
		break;
	case 'o':
		if (!*arg) {
			cli_error("--out needs a file name");
			return -EINVAL;
		}
		a->out = arg;
		break;
	}
	return 0;
}

/*
 * A line once counting; then, until the end, on a terminal one line redrawn
 * each tick, elsewhere a line every 5 s.
 */
static void progress(double elapsed, double seconds, void *ctx)
{
	static double last;
	bool tty = *(const bool *)ctx;

	if (elapsed == 0) {
		fprintf(stderr, "hookbench: mix: counting every syscall for %g s\n", seconds);
		return;
	}
	if (elapsed >= seconds || (!tty && elapsed - last < 5.0))
		return;
	last = elapsed;
	fprintf(stderr, "%shookbench: mix: %.0f of %.0f s counted%s", tty ? "\r" : "", (double)(long)elapsed,
		seconds, tty ? "   " : "\n");
}

int cmd_mix(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{}
	};
	struct mix_args a = { .seconds = DEFAULT_SECONDS, .out = "mix.csv" };
	const struct cli_options co = { .opts = opts, .one = one_option, .ctx = &a, .usage = usage };
	struct hb_syscall_counts *counts = NULL;
	struct hb_runlock lock = { .fd = -1 };
	bool tty = isatty(STDERR_FILENO);
	struct hb_mix m;
	char why[512] = "";
	int rc = 1, err;

	if (cli_parse_options(argc, argv, &co))
		return HB_EXIT_USAGE;
	/* Its program runs on every syscall: a measurement beside it would pay for it. */
	if (hb_runlock_take(&lock, NULL, "hookbench mix") == -EBUSY) {
		cli_error("mix: another measurement is running: PID %ld (%s) holds %s; wait for it to end",
			  lock.holder_pid, lock.holder_cmd, hb_runlock_path());
		goto cleanup;
	}
	counts = malloc(sizeof(*counts));
	if (!counts || hb_stop_install()) {
		cli_error("mix: cannot start: %s", strerror(counts ? errno : ENOMEM));
		goto cleanup;
	}
	err = hb_syscall_count(a.seconds, progress, &tty, counts, why, sizeof(why));
	if (tty && !err)
		fputc('\n', stderr);
	if (!err && (counts->seconds < 0.001 || !hb_syscall_total(counts))) {
		cli_error("mix: nothing counted%s; nothing written",
			  counts->interrupted ? ": interrupted before counting began" : "");
		rc = counts->interrupted ? HB_EXIT_INTERRUPTED : 1;
		goto cleanup;
	}
	if (!err)
		err = hb_mix_csv_write(a.out, counts, why, sizeof(why));
	/* Read back: what is printed is what report --mix will read. */
	if (!err)
		err = hb_mix_read(a.out, &m, why, sizeof(why));
	if (err) {
		cli_error("mix: %s", why);
		goto cleanup;
	}
	hb_give_to_user(a.out);
	hb_mix_print(stdout, &m);
	printf("mix: %s\n", a.out);
	rc = 0;
	if (counts->interrupted) {
		cli_error("mix: interrupted after %.1f of %.1f s; the counts of those seconds are written",
			  counts->seconds, a.seconds);
		rc = HB_EXIT_INTERRUPTED;
	}
cleanup:
	hb_runlock_release(&lock);
	free(counts);
	return rc;
}
