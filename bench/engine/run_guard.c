// SPDX-License-Identifier: GPL-2.0-only
#include "run_guard.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int hb_run_guard_lock(struct hb_runlock *l, const struct run_opts *o, struct hb_meta *meta,
		      const char *cmdline, char *why, size_t len)
{
	char holder[640];
	int err = hb_runlock_take(l, NULL, cmdline);

	if (err != -EBUSY) {
		if (err)
			snprintf(why, len, "cannot take the measurement lock %s: %s", hb_runlock_path(),
				 strerror(-err));
		return err;
	}
	if (l->holder_pid)
		snprintf(holder, sizeof(holder), "PID %ld (%s)", l->holder_pid, l->holder_cmd);
	else
		snprintf(holder, sizeof(holder), "a process that has not said who it is");
	if (!o->allow_concurrent) {
		snprintf(why, len, "another measurement is running: %s holds %s; wait for it to end, "
			 "or pass --allow-concurrent to measure anyway", holder, hb_runlock_path());
		return err;
	}
	fprintf(stderr, "hookbench: warning: another measurement is running (%s): "
		"--allow-concurrent, so both may disturb each other's figures\n", holder);
	meta->concurrent_holder_pid = l->holder_pid ? l->holder_pid : -1;
	meta->concurrent_holder_cmd = l->holder_cmd;
	return 0;
}

int hb_run_guard_foreign(struct hb_foreign *f, const struct run_opts *o, char *why, size_t len)
{
	char line[400];
	int err = hb_foreign_start(f);

	if (err) {
		snprintf(why, len, "cannot list the BPF programs attached where the run measures: %s",
			 strerror(-err));
		return err;
	}
	if (!f->n)
		return 0;
	if (o->allow_foreign)
		fprintf(stderr, "hookbench: warning: %zu BPF program%s not started by this run %s "
			"attached where it measures (--allow-foreign: the figures are the cost on top "
			"of %s):\n", f->n, f->n == 1 ? "" : "s", f->n == 1 ? "is" : "are",
			f->n == 1 ? "it" : "them");
	else
		fprintf(stderr, "hookbench: refusing to run: %zu BPF program%s not started by this "
			"run %s attached where it measures:\n", f->n, f->n == 1 ? "" : "s",
			f->n == 1 ? "is" : "are");
	for (size_t i = 0; i < f->n; i++) {
		hb_foreign_describe(&f->progs[i], line, sizeof(line));
		fprintf(stderr, "hookbench:   %s\n", line);
	}
	if (o->allow_foreign)
		return 0;
	snprintf(why, len, "every figure would include %s cost: detach %s, or pass --allow-foreign "
		 "to measure the cost on top of %s", f->n == 1 ? "its" : "their",
		 f->n == 1 ? "it" : "them", f->n == 1 ? "it" : "them");
	return -EEXIST;
}

void hb_run_guard_between_rounds(void *ctx, uint64_t round)
{
	static bool failed;
	struct hb_foreign *f = ctx;
	size_t appeared;
	char line[400];
	int err;

	if (failed)
		return;
	err = hb_foreign_check(f, round, &appeared);
	if (err) {
		fprintf(stderr, "\nhookbench: warning: cannot check for foreign BPF programs between "
			"rounds any more: %s\n", strerror(-err));
		failed = true;
		return;
	}
	for (size_t i = f->n - appeared; i < f->n; i++) {
		hb_foreign_describe(&f->progs[i], line, sizeof(line));
		fprintf(stderr, "\nhookbench: warning: a BPF program not started by this run appeared "
			"before round %llu: %s; the rows measured meanwhile are 'contaminated'\n",
			(unsigned long long)round, line);
	}
}
