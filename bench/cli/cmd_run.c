// SPDX-License-Identifier: GPL-2.0-only
/* hookbench run: paired-block overhead measurement of each hook. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attached.h"
#include "btf_info.h"
#include "cli.h"
#include "commands.h"
#include "cpu.h"
#include "figures.h"
#include "linkinfo.h"
#include "matrix.h"
#include "measure.h"
#include "meta.h"
#include "outdir.h"
#include "prepare.h"
#include "reentry.h"
#include "remote.h"
#include "run_guard.h"
#include "probe.h"
#include "run_args.h"
#include "states_csv.h"
#include "sudo_user.h"
#include "stop.h"
#include "summary.h"
#include "sysctl_state.h"
#include "sysinfo.h"
#include "workers.h"

/* Everything that is measured, from the created DIR.partial to its last file. */
struct run_state {
	struct run_opts o;
	char scratch_fs[32];
	struct hb_probe_env env;
	struct hb_matrix m;
	struct storm_scratch scratch;
	struct hb_outdir out;
	struct hb_drain drain;
	unsigned reader_cpu; /* the ring-buffer reader's CPU */
	struct hb_figures figs;
	struct hb_history history; /* earlier runs like this one */
	struct hb_sysctl_guard kopt;
	char kopt_before[32];
	struct hb_workers *workers;
	struct hb_remote remote;  /* other_remote's process, when the run has that mode */
	char remote_why[128];     /* why it has none: other_remote cells are unsupported */
	struct hb_meta meta;
	struct hb_attached attached; /* others' programs on the syscall path */
	struct hb_foreign foreign;   /* those where the run measures */
	struct hb_runlock lock;
	FILE *runs;
	char started[32], finished[32];
};

static int write_summary(FILE *f, const struct run_state *st)
{
	return hb_summary_write_csv(f, &st->m, &st->figs, &st->o, st->meta.timing);
}

static int write_states(FILE *f, const struct run_state *st)
{
	return hb_states_csv_write(f, &st->m, &st->figs.speed, HB_CONFIDENCE,
				   hb_run_unit(&st->o));
}

static int write_meta(FILE *f, const struct run_state *st)
{
	return hb_meta_write(f, &st->meta);
}

static int write_file(struct run_state *st, const char *name,
		      int (*write)(FILE *f, const struct run_state *st))
{
	FILE *f = hb_outdir_fopen(&st->out, name);
	int err;

	if (!f)
		return -errno;
	err = write(f, st);
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

/* Figures, then summary.csv, states.csv and meta.json. */
static int write_results(struct run_state *st)
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
		err = write_file(st, "summary.csv", write_summary);
	if (!err)
		err = write_file(st, "states.csv", write_states);
	if (!err)
		err = write_file(st, "meta.json", write_meta);
	return err;
}

/* hb_measure's new_replicate: the BPF objects loaded afresh, and the reader on them. */
static int reload_for_replicate(void *ctx, char *why, size_t len)
{
	struct run_state *st = ctx;
	int err;

	hb_drain_stop(&st->drain); /* it polls the sessions about to close */
	hb_matrix_reload(&st->m, &st->o, &st->env);
	err = hb_drain_start(&st->drain, &st->m, st->reader_cpu);
	if (err)
		snprintf(why, len, "cannot restart the ring buffer reader: %s", strerror(-err));
	return err;
}

static int measure_and_write(struct run_state *st, char *why, size_t len)
{
	struct hb_measure x = {
		.o = &st->o, .m = &st->m, .dirfds = st->scratch.thread_fd, .workers = st->workers,
		.stop = &hb_stop_requested, .drain = &st->drain,
		.reader_shares_cpu = st->reader_cpu == st->o.cpu,
		.remote = &st->remote,
		.reader_shares_remote = st->remote.pid && st->reader_cpu == st->remote.cpu,
		.between_rounds = run_guard_between_rounds, .between_ctx = &st->foreign,
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
		run_guard_between_rounds(&st->foreign, st->foreign.visits);
		hb_foreign_apply(&st->foreign, &st->m);
	}
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	st->meta.interrupted = err == -EINTR;
	st->meta.ringbuf_reader_cpu = hb_drain_cpu(&st->drain);
	st->meta.quiet_checks = x.quiet_checks;
	st->meta.quiet_gave_up = x.quiet_gave_up;
	werr = write_results(st);
	if (werr && !err) {
		snprintf(why, len, "cannot write results in %.512s: %s", st->out.partial, strerror(-werr));
		err = werr;
	}
	return err;
}

#define KPROBES_OPTIMIZATION "/proc/sys/debug/kprobes-optimization"

/* --kprobe-optimization: set for the run where the kernel has the switch. */
static int set_kprobe_optimization(struct run_state *st, char *why, size_t len)
{
	const char *want = st->o.kprobe_optimization;
	int err;

	if (!want)
		return 0;
	err = hb_sysctl_guard_set(&st->kopt, KPROBES_OPTIMIZATION, strcmp(want, "on") ? "0" : "1",
				  why, len);
	if (err == -ENOENT) {
		fprintf(stderr, "hookbench: warning: no " KPROBES_OPTIMIZATION
			" (kernel without CONFIG_OPTPROBES): --kprobe-optimization %s has no effect\n", want);
		st->meta.kprobe_optimization = "not available";
		return 0;
	}
	if (err)
		return err;
	hb_stop_guard(&st->kopt);
	snprintf(st->kopt_before, sizeof(st->kopt_before), "%.*s",
		 (int)strcspn(st->kopt.old, "\n"), st->kopt.old);
	st->meta.kprobe_optimization = want;
	st->meta.kprobe_optimization_before = st->kopt_before;
	return 0;
}

static unsigned max_threads(const struct run_opts *o)
{
	unsigned n = 1;

	for (size_t i = 0; i < o->nthreads; i++)
		if (o->threads[i] > n)
			n = o->threads[i];
	return n;
}

/*
 * Thread 0 is this thread on --cpu; the others get the other CPUs. Called
 * before this thread is pinned, while it may still see every CPU.
 */
static int start_workers(struct run_state *st, char *why, size_t len)
{
	unsigned cpus[HB_MAX_THREADS], n = max_threads(&st->o);
	int err;

	cpus[0] = st->o.cpu;
	if (hb_other_cpus(st->o.cpu, cpus + 1, n - 1) < n - 1) {
		snprintf(why, len, "--threads %u needs %u CPUs; this process may use %u", n, n,
			 hb_usable_cpus());
		return -ERANGE;
	}
	err = hb_workers_start(&st->workers, n, cpus);
	if (err)
		snprintf(why, len, "cannot start %u workload threads: %s", n, strerror(-err));
	return err;
}

/*
 * other_remote's process, forked before any BPF object exists and before
 * the workload threads, on the lowest other CPU (the ring-buffer reader
 * takes the highest). With no other CPU its cells become unsupported.
 */
static int start_remote(struct run_state *st, char *why, size_t len)
{
	unsigned others[HB_MAX_THREADS];
	unsigned n;
	int err;

	if (st->o.experiment || !run_opts_has_mode(&st->o, STORM_MODE_OTHER_REMOTE))
		return 0;
	n = hb_other_cpus(st->o.cpu, others, HB_MAX_THREADS);
	if (n == 0) {
		snprintf(st->remote_why, sizeof(st->remote_why),
			 "other_remote needs a second CPU; this process may use only CPU %u", st->o.cpu);
		return 0;
	}
	err = hb_remote_start(&st->remote, others[n - 1]);
	if (err)
		snprintf(why, len, "cannot start other_remote's process: %s", strerror(-err));
	return err;
}

/*
 * Before anything of this run is attached (probing attaches each hook once):
 * every program on the syscall path for meta.json, and those where the run
 * measures, which stop it without --allow-foreign.
 */
static int note_syscall_progs(struct run_state *st, char *why, size_t len)
{
	int err = hb_attached_collect(&st->attached);

	if (err)
		fprintf(stderr, "hookbench: warning: cannot list the BPF programs attached to the "
			"syscall path: %s\n", strerror(-err));
	else
		st->meta.syscall_progs = &st->attached;
	err = run_guard_foreign(&st->foreign, &st->o, why, len);
	if (!err)
		st->meta.foreign = &st->foreign;
	return err;
}

static void pick_reference(struct run_state *st)
{
	const struct hb_hook *want = &hb_hooks[st->o.reference];

	hb_matrix_pick_reference(&st->m, &st->o);
	st->meta.reference = st->m.reference ? st->m.reference->name : NULL;
	if (st->m.reference == want)
		return;
	if (st->m.reference)
		fprintf(stderr, "hookbench: warning: the reference hook %s cannot run here: ratios are "
			"to %s instead\n", want->name, st->m.reference->name);
	else
		fprintf(stderr, "hookbench: warning: no hook of the run can run here: no ratios\n");
}

static int prepare_run(struct run_state *st, char *why, size_t len)
{
	char outbuf[64], cmdline[512];
	int err;

	err = hb_prepare(st->o.btf, why, len);
	if (err)
		return err;
	if (!st->o.out) {
		hb_outdir_default(outbuf, sizeof(outbuf));
		st->o.out = strdup(outbuf);
		if (!st->o.out)
			return -ENOMEM;
	}
	err = hb_outdir_check(st->o.out, why, len);
	if (err)
		return err;
	/* Before anything is attached or written. */
	hb_command_line(st->meta.argc, st->meta.argv, cmdline, sizeof(cmdline));
	err = run_guard_lock(&st->lock, &st->o, &st->meta, cmdline, why, len);
	if (!err)
		err = note_syscall_progs(st, why, len);
	if (!err)
		err = start_remote(st, why, len);
	if (err)
		return err;
	err = start_workers(st, why, len);
	if (err)
		return err;
	st->reader_cpu = hb_drain_pick_cpu(st->o.cpu, max_threads(&st->o) - 1);
	err = hb_pin_to_cpu(st->o.cpu);
	if (err) {
		snprintf(why, len, "cannot pin to CPU %u: %s", st->o.cpu, strerror(-err));
		return err;
	}
	hb_probe_env_init(&st->env, st->o.btf);
	if (!st->o.experiment) {
		err = hb_matrix_init(&st->m, &st->o, &st->env);
		if (err) {
			snprintf(why, len, "out of memory");
			return err;
		}
		if (st->remote_why[0])
			hb_matrix_mark_unsupported(&st->m, STORM_MODE_OTHER_REMOTE, st->remote_why);
		hb_matrix_load(&st->m, &st->o, &st->env);
		pick_reference(st);
	}
	err = storm_scratch_create(&st->scratch, st->o.scratch_parent, max_threads(&st->o));
	if (err) {
		snprintf(why, len, "cannot create the workload's scratch dir in %s: %s",
			 st->o.scratch_parent ? st->o.scratch_parent : "$TMPDIR", strerror(-err));
		return err;
	}
	if (storm_scratch_fs(&st->scratch, st->scratch_fs, sizeof(st->scratch_fs)) == 0)
		st->meta.scratch_fs = st->scratch_fs;
	st->meta.kprobe_missed = hb_linkinfo_reports_missed(st->env.btf, hb_hook_find("kprobe"), NULL);
	return set_kprobe_optimization(st, why, len);
}

/* --experiment reentry: reentry.csv and meta.json instead of the measurement. */
static int run_reentry(struct run_state *st, char *why, size_t len)
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
	err = hb_reentry_run(&st->o, &st->env, st->scratch.thread_fd[0], st->o.ops_per_block, csv,
			     stdout);
	cerr = fclose(csv) ? -errno : 0;
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	if (!err)
		err = cerr ? cerr : write_file(st, "meta.json", write_meta);
	if (err && !why[0])
		snprintf(why, len, "the reentry experiment failed: %s", strerror(-err));
	return err;
}

/* What a killed run left changed goes back before this run reads or sets it. */
static void recover_stale(void)
{
	char why[512];
	int err = hb_sysctl_recover(stderr, why, sizeof(why));

	if (err < 0 && err != -EACCES)
		fprintf(stderr, "hookbench: warning: %s\n", why);
}

int cmd_run(int argc, char **argv, int main_argc, char **main_argv)
{
	struct run_state st = { .runs = NULL };
	bool out_allocated;
	char why[1024] = "";
	size_t failed = 0;
	int err, rc = 1;

	st.scratch.dirfd = -1;
	st.kopt.fd = -1;
	st.lock.fd = -1;
	if (run_args_parse(argc, argv, &st.o))
		return HB_EXIT_USAGE;
	out_allocated = st.o.out == NULL;
	hb_libbpf_verbose(st.o.verbose);
	hb_utc_now(st.started, sizeof(st.started));
	st.meta = (struct hb_meta){
		.argc = main_argc, .argv = main_argv, .kconfig = &st.env.kconfig,
		.opts = &st.o, .started = st.started,
		.timing = st.o.timing_note ? st.o.timing_note : "wall",
		.bpf_stats_sysctl = hb_read_sysctl("/proc/sys/kernel/bpf_stats_enabled"),
		.ringbuf_reader_cpu = -1,
	};
	if (st.meta.bpf_stats_sysctl > 0)
		fprintf(stderr, "hookbench: warning: kernel.bpf_stats_enabled=1 system-wide: "
			"every overhead figure includes bpf_stats' own cost\n");
	recover_stale();
	err = hb_stop_install();
	if (!err)
		err = prepare_run(&st, why, sizeof(why));
	if (!err)
		err = st.o.experiment ? run_reentry(&st, why, sizeof(why))
				      : measure_and_write(&st, why, sizeof(why));
	if (st.runs)
		fclose(st.runs);
	hb_sysctl_guard_release(&st.kopt);
	if (err == -EINTR) {
		fprintf(stderr, "\nhookbench: interrupted by signal %d: completed blocks kept in %s\n",
			hb_stop_signal, st.out.partial);
		rc = HB_EXIT_INTERRUPTED;
	} else if (err) {
		cli_error("%s", why[0] ? why : strerror(-err));
	} else if (hb_outdir_commit(&st.out, why, sizeof(why))) {
		cli_error("%s", why);
	} else {
		if (!st.o.experiment) {
			hb_summary_print(stdout, &st.m, &st.figs);
			failed = hb_summary_failed_rows(&st.m, &st.figs);
		}
		printf("results: %s\n", st.out.final);
		if (failed)
			cli_error("%zu of %zu rows are 'mismatch', 'error' or 'contaminated' (see their "
				  "reason)", failed,
				  st.m.n);
		rc = failed ? HB_EXIT_FAILED_ROWS : 0;
	}
	/* Under sudo: whatever the run wrote is the invoking user's (where it is now). */
	if (hb_give_tree_to_user(st.out.final) == -ENOENT)
		hb_give_tree_to_user(st.out.partial);
	hb_workers_stop(st.workers);
	hb_remote_stop(&st.remote);
	hb_figures_free(&st.figs);
	hb_history_free(&st.history);
	hb_matrix_free(&st.m);
	if (storm_scratch_destroy(&st.scratch) == -ENOTEMPTY)
		fprintf(stderr, "hookbench: warning: left %s in place: it holds files hookbench did not create\n",
			st.scratch.path);
	hb_probe_env_free(&st.env);
	hb_attached_free(&st.attached);
	hb_foreign_free(&st.foreign);
	hb_runlock_release(&st.lock);
	if (out_allocated)
		free((char *)st.o.out);
	return rc;
}
