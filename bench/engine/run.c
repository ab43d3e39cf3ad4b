// SPDX-License-Identifier: GPL-2.0-only
/* The order of one run: state, stale sysctls, signals, preparation, measurement, commit. */
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prepare.h"
#include "run_state.h"
#include "stop.h"
#include "sudo_user.h"
#include "sysctl_state.h"
#include "sysinfo.h"

/* What a killed run left changed goes back before this run reads or sets it. */
static void recover_stale(void)
{
	char why[512];
	int err = hb_sysctl_recover(stderr, why, sizeof(why));

	if (err < 0 && err != -EACCES)
		fprintf(stderr, "hookbench: warning: %s\n", why);
}

static struct hb_run_state *state_new(const struct run_opts *o, int argc, char **argv)
{
	struct hb_run_state *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->o = *o;
	st->scratch.dirfd = -1;
	st->kopt.fd = -1;
	st->lock.fd = -1;
	hb_utc_now(st->started, sizeof(st->started));
	st->meta = (struct hb_meta){
		.argc = argc, .argv = argv, .kconfig = &st->env.kconfig,
		.opts = &st->o, .started = st->started,
		.timing = st->o.timing_note ? st->o.timing_note : "wall",
		.bpf_stats_sysctl = hb_read_sysctl("/proc/sys/kernel/bpf_stats_enabled"),
		.ringbuf_reader_cpu = -1,
	};
	return st;
}

static int run_phase(struct hb_run_state *st, char *why, size_t len)
{
	if (!st->o.experiment)
		return hb_run_measure(st, why, len);
	if (!strcmp(st->o.experiment, "coverage"))
		return hb_run_coverage(st, why, len);
	return hb_run_reentry(st, why, len);
}

int hb_run(const struct run_opts *o, int argc, char **argv, struct hb_run_result *r, char *why,
	   size_t len)
{
	struct hb_run_state *st;
	int err;

	memset(r, 0, sizeof(*r));
	hb_libbpf_verbose(o->verbose);
	st = state_new(o, argc, argv);
	if (!st) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	r->state = st;
	if (st->meta.bpf_stats_sysctl > 0)
		fprintf(stderr, "hookbench: warning: kernel.bpf_stats_enabled=1 system-wide: "
			"every overhead figure includes bpf_stats' own cost\n");
	recover_stale();
	err = hb_stop_install();
	if (!err)
		err = hb_run_prepare(st, why, len);
	if (!err)
		err = run_phase(st, why, len);
	if (st->runs)
		fclose(st->runs);
	st->runs = NULL;
	hb_sysctl_guard_release(&st->kopt);
	hb_stop_unguard(&st->kopt);
	if (!err)
		err = hb_outdir_commit(&st->out, why, len);
	r->partial = st->out.partial;
	r->final = st->out.final;
	r->signal = hb_stop_signal;
	if (!st->o.experiment) {
		r->m = &st->m;
		r->figs = &st->figs;
	}
	return err;
}

void hb_run_end(struct hb_run_result *r)
{
	struct hb_run_state *st = r->state;

	if (!st)
		return;
	/* Under sudo: whatever the run wrote is the invoking user's (where it is now). */
	if (hb_give_tree_to_user(st->out.final) == -ENOENT)
		hb_give_tree_to_user(st->out.partial);
	hb_workers_stop(st->workers);
	hb_remote_stop(&st->remote);
	hb_figures_free(&st->figs);
	hb_history_free(&st->history);
	hb_matrix_free(&st->m);
	if (storm_scratch_destroy(&st->scratch) == -ENOTEMPTY)
		fprintf(stderr, "hookbench: warning: left %s in place: it holds files hookbench did "
			"not create\n", st->scratch.path);
	hb_probe_env_free(&st->env);
	hb_attached_free(&st->attached);
	hb_foreign_free(&st->foreign);
	hb_coverage_free(&st->coverage);
	hb_runlock_release(&st->lock);
	if (st->out_allocated)
		free((char *)st->o.out);
	free(st);
	memset(r, 0, sizeof(*r));
}
