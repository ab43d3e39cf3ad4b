// SPDX-License-Identifier: GPL-2.0-only
/* The coverage experiment, alone or after the measurement, and coverage.csv. */
#include "run_state.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stop.h"
#include "sysinfo.h"

static int write_csv(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_coverage_csv_write(f, &st->coverage);
}

static int write_meta(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_meta_write(f, &st->meta);
}

static uint64_t calls_of(const struct run_opts *o)
{
	return o->coverage_calls ? o->coverage_calls : HB_COVERAGE_DEFAULT_CALLS;
}

static int write_blocking(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_blocking_csv_write(f, &st->coverage);
}

/* dir/name from write, or why not. */
static int write_file(struct hb_run_state *st, const char *name,
		      int (*write)(FILE *, const void *), char *why, size_t len)
{
	int err = hb_outdir_write(&st->out, name, write, st);

	if (err)
		snprintf(why, len, "cannot write %.512s/%s: %s", st->out.partial, name, strerror(-err));
	return err;
}

/* The pass and its deny proofs, then coverage.csv and blocking.csv (the hooks it could not run go to meta.json). */
static int cover(struct hb_run_state *st, char *why, size_t len)
{
	int err;

	err = hb_coverage_run(&st->coverage, st->o.hooks, st->o.nhooks, st->o.objects,
			      st->o.nobjects, &st->env,
			      st->scratch.thread_fd[0], calls_of(&st->o), &hb_stop_requested, why, len);
	if (err && err != -EINTR) {
		char what[400];

		snprintf(what, sizeof(what), "%s", why);
		snprintf(why, len, "no coverage.csv or blocking.csv: the coverage pass failed: %s", what);
	}
	if (err)
		return err;
	st->meta.coverage = &st->coverage;
	err = write_file(st, "coverage.csv", write_csv, why, len);
	return err ? err : write_file(st, "blocking.csv", write_blocking, why, len);
}

int hb_run_coverage(struct hb_run_state *st, char *why, size_t len)
{
	int err;

	err = hb_outdir_create(&st->out, st->o.out, why, len);
	if (err)
		return err;
	err = cover(st, why, len);
	if (!err)
		hb_coverage_print(stdout, &st->coverage);
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	st->meta.interrupted = err == -EINTR;
	if (!err)
		err = hb_outdir_write(&st->out, "meta.json", write_meta, st);
	if (err && err != -EINTR && !why[0])
		snprintf(why, len, "the coverage experiment failed: %s", strerror(-err));
	return err;
}

int hb_run_coverage_pass(struct hb_run_state *st)
{
	char why[512] = "";
	int err;

	if (st->o.no_coverage)
		return 0;
	err = cover(st, why, sizeof(why));
	if (err == -EINTR || hb_stop_requested) {
		fprintf(stderr, "hookbench: interrupted in the coverage pass after the last block: "
			"coverage.csv and blocking.csv may be missing\n");
		return -EINTR;
	}
	/* The measurement stands without them: say what is missing, keep the run. */
	if (err)
		fprintf(stderr, "hookbench: warning: %s\n", why);
	return 0;
}
