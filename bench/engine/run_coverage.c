// SPDX-License-Identifier: GPL-2.0-only
/* The coverage experiment, alone or after the measurement, and coverage.csv. */
#include "run_state.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "deny_proof.h"
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

/* The deny proof of every hook of the run: blocking.csv. */
static int prove_blocking(struct hb_run_state *st, char *why, size_t len)
{
	const struct hb_hook *hooks[HB_MAX_LIST];
	struct hb_blocking_input in = { .env = &st->env, .hooks = hooks, .nhooks = st->o.nhooks,
					.scratch_parent = st->o.scratch_parent };
	int err;

	for (size_t i = 0; i < st->o.nhooks; i++)
		hooks[i] = &hb_hooks[st->o.hooks[i]];
	err = hb_outdir_write(&st->out, "blocking.csv", hb_blocking_csv_write, &in);
	if (err)
		snprintf(why, len, "cannot write %.512s/blocking.csv: %s", st->out.partial,
			 strerror(-err));
	return err;
}

/* The pass itself, then coverage.csv (the hooks it could not run go to meta.json) and blocking.csv. */
static int cover(struct hb_run_state *st, char *why, size_t len)
{
	int err;

	err = hb_coverage_run(&st->coverage, st->o.hooks, st->o.nhooks, &st->env,
			      st->scratch.thread_fd[0], calls_of(&st->o), &hb_stop_requested, why, len);
	if (err && err != -EINTR) {
		char what[400];

		snprintf(what, sizeof(what), "%s", why);
		snprintf(why, len, "no coverage.csv or blocking.csv: the coverage pass failed: %s", what);
	}
	if (err)
		return err;
	st->meta.coverage = &st->coverage;
	err = hb_outdir_write(&st->out, "coverage.csv", write_csv, st);
	if (err) {
		snprintf(why, len, "cannot write %.512s/coverage.csv: %s", st->out.partial,
			 strerror(-err));
		return err;
	}
	return hb_stop_requested ? -EINTR : prove_blocking(st, why, len);
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
