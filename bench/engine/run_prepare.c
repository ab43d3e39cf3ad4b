// SPDX-License-Identifier: GPL-2.0-only
/* A run's preparation: everything between the command line and the first block. */
#include "run_state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "linkinfo.h"
#include "prepare.h"
#include "run_guard.h"
#include "stop.h"
#include "sysinfo.h"

#define KPROBES_OPTIMIZATION "/proc/sys/debug/kprobes-optimization"

/* --kprobe-optimization: set for the run where the kernel has the switch. */
static int set_kprobe_optimization(struct hb_run_state *st, char *why, size_t len)
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
static int start_workers(struct hb_run_state *st, char *why, size_t len)
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
static int start_remote(struct hb_run_state *st, char *why, size_t len)
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
static int note_syscall_progs(struct hb_run_state *st, char *why, size_t len)
{
	int err = hb_attached_collect(&st->attached);

	if (err)
		fprintf(stderr, "hookbench: warning: cannot list the BPF programs attached to the "
			"syscall path: %s\n", strerror(-err));
	else
		st->meta.syscall_progs = &st->attached;
	err = hb_run_guard_foreign(&st->foreign, &st->o, why, len);
	if (!err)
		st->meta.foreign = &st->foreign;
	return err;
}

static void pick_reference(struct hb_run_state *st)
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

/*
 * The user's own programs (--object) are what the run is for: one that
 * cannot load or attach here stops it, with the kernel's reason, before
 * the first block.
 */
static int check_objects(const struct hb_run_state *st, char *why, size_t len)
{
	for (size_t i = 0; i < st->m.n; i++) {
		const struct hb_cell *c = &st->m.cells[i];

		if (!c->hook->object || c->state == HB_CELL_PENDING ||
		    (c->mode == STORM_MODE_OTHER_REMOTE && st->remote_why[0]))
			continue;
		snprintf(why, len, "%s cannot run here: %s", c->hook->name, c->reason);
		return -EOPNOTSUPP;
	}
	return 0;
}

int hb_run_prepare(struct hb_run_state *st, char *why, size_t len)
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
		st->out_allocated = true;
	}
	err = hb_outdir_check(st->o.out, why, len);
	if (err)
		return err;
	/* Before anything is attached or written. */
	hb_command_line(st->meta.argc, st->meta.argv, cmdline, sizeof(cmdline));
	err = hb_run_guard_lock(&st->lock, &st->o, &st->meta, cmdline, why, len);
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
		err = check_objects(st, why, len);
		if (err)
			return err;
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
