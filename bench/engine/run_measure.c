// SPDX-License-Identifier: GPL-2.0-only
/* A run's measurement (or its reentry experiment) and the files it writes. */
#include "run_state.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "measure.h"
#include "reentry.h"
#include "run_guard.h"
#include "replicates_csv.h"
#include "states_csv.h"
#include "stop.h"
#include "summary.h"
#include "sysinfo.h"

static int write_summary(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_summary_write_csv(f, &st->m, &st->figs, &st->o, st->meta.timing);
}

static int write_summary_json(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_summary_write_json(f, &st->m, &st->figs, &st->o, st->meta.timing);
}

static int write_states(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_states_csv_write(f, &st->m, &st->figs.speed, HB_CONFIDENCE,
				   hb_run_unit(&st->o));
}

static int write_replicates(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_replicates_csv_write(f, &st->m, &st->figs, hb_run_unit(&st->o));
}

static int write_meta(FILE *f, const void *ctx)
{
	const struct hb_run_state *st = ctx;

	return hb_meta_write(f, &st->meta);
}

/* Figures, then summary.csv, summary.json, states.csv, replicates.csv and meta.json. */
static int write_results(struct hb_run_state *st)
{
	/* Under -icount a run has no run-level shift to learn (its replicates are independent). */
	bool history = !st->o.no_history && !st->o.icount;
	int err;

	err = history ? hb_history_load(&st->history, st->o.history, &st->o) : 0;
	if (!err)
		err = hb_figures_compute(&st->figs, &st->m, &st->o, st->reader_cpu == st->o.cpu,
					 history ? &st->history : NULL);
	st->meta.history = history ? &st->history : NULL;
	if (!err)
		err = hb_outdir_write(&st->out, "summary.csv", write_summary, st);
	if (!err)
		err = hb_outdir_write(&st->out, "summary.json", write_summary_json, st);
	if (!err)
		err = hb_outdir_write(&st->out, "states.csv", write_states, st);
	if (!err)
		err = hb_outdir_write(&st->out, "replicates.csv", write_replicates, st);
	if (!err)
		err = hb_outdir_write(&st->out, "meta.json", write_meta, st);
	return err;
}

/* hb_measure's new_replicate: the BPF objects loaded afresh, and the reader on them. */
static int reload_for_replicate(void *ctx, char *why, size_t len)
{
	struct hb_run_state *st = ctx;
	int err;

	hb_drain_stop(&st->drain); /* it polls the sessions about to close */
	hb_matrix_reload(&st->m, &st->o, &st->env);
	err = hb_drain_start(&st->drain, &st->m, st->reader_cpu);
	if (err)
		snprintf(why, len, "cannot restart the ring buffer reader: %s", strerror(-err));
	return err;
}

int hb_run_measure(struct hb_run_state *st, char *why, size_t len)
{
	struct hb_measure x = {
		.o = &st->o, .m = &st->m, .dirfds = st->scratch.thread_fd, .workers = st->workers,
		.stop = &hb_stop_requested, .drain = &st->drain,
		.reader_shares_cpu = st->reader_cpu == st->o.cpu,
		.remote = &st->remote,
		.reader_shares_remote = st->remote.pid && st->reader_cpu == st->remote.cpu,
		.between_rounds = hb_run_guard_between_rounds, .between_ctx = &st->foreign,
		.new_replicate = st->o.one_load ? NULL : reload_for_replicate, .new_replicate_ctx = st,
	};
	int err, werr;

	err = hb_outdir_create(&st->out, st->o.out, why, len);
	if (err)
		return err;
	st->runs = hb_outdir_fopen(&st->out, "runs.csv");
	if (!st->runs) {
		err = -errno;
		snprintf(why, len, "cannot write %.512s/runs.csv: %s", st->out.partial, strerror(-err));
		return err;
	}
	x.runs = st->runs;
	hb_measure_write_header(st->runs);
	err = hb_drain_start(&st->drain, &st->m, st->reader_cpu);
	if (err) {
		snprintf(why, len, "cannot start the ring buffer reader: %s", strerror(-err));
		return err;
	}
	st->foreign.warmup = st->o.warmup;
	st->foreign.visits = st->o.warmup + st->m.nrounds;
	err = hb_measure_run(&x, why, len);
	hb_drain_stop(&st->drain);
	if (err == 0 || err == -EINTR) { /* the last round's end */
		hb_run_guard_between_rounds(&st->foreign, st->foreign.visits);
		hb_foreign_apply(&st->foreign, &st->m);
	}
	if (!err) /* every block is measured: nothing else is attached now */
		err = hb_run_coverage_pass(st);
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	st->meta.interrupted = err == -EINTR;
	st->meta.ringbuf_reader_cpu = hb_drain_cpu(&st->drain);
	st->meta.quiet_checks = x.quiet_checks;
	st->meta.quiet_gave_up = x.quiet_gave_up;
	st->meta.quiet_unread = x.quiet_unread;
	werr = write_results(st);
	if (werr && !err) {
		snprintf(why, len, "cannot write results in %.512s: %s", st->out.partial, strerror(-werr));
		err = werr;
	}
	return err;
}

int hb_run_reentry(struct hb_run_state *st, char *why, size_t len)
{
	FILE *csv;
	int err, cerr;

	err = hb_outdir_create(&st->out, st->o.out, why, len);
	if (err)
		return err;
	csv = hb_outdir_fopen(&st->out, "reentry.csv");
	if (!csv) {
		err = -errno;
		snprintf(why, len, "cannot write %.512s/reentry.csv: %s", st->out.partial, strerror(-err));
		return err;
	}
	err = hb_reentry_run(&st->o, &st->env, st->scratch.thread_fd[0],
			     hb_ops_per_block(&st->o, STORM_MODE_ENOENT), csv,
			     stdout);
	cerr = fclose(csv) ? -errno : 0;
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	if (!err)
		err = cerr ? cerr : hb_outdir_write(&st->out, "meta.json", write_meta, st);
	if (err && !why[0])
		snprintf(why, len, "the reentry experiment failed: %s", strerror(-err));
	return err;
}
