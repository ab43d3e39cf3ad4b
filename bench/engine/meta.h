/* SPDX-License-Identifier: GPL-2.0-only */
/* meta.json: everything needed to judge and reproduce a run. */
#ifndef HB_META_H
#define HB_META_H

#include <stdbool.h>
#include <stdio.h>

#include "attached.h"
#include "history.h"
#include "kconfig.h"
#include "run_opts.h"

struct hb_meta {
	int argc;
	char **argv;
	const struct hb_kconfig *kconfig;
	const struct run_opts *opts;
	const char *started;  /* UTC */
	const char *finished; /* UTC, NULL while running */
	const char *timing;   /* "wall" */
	bool kprobe_missed;   /* link info reports kprobe missed */
	long bpf_stats_sysctl; /* kernel.bpf_stats_enabled before the run, -1 unknown */
	bool interrupted;
	const char *kprobe_optimization;        /* NULL: left alone */
	const char *kprobe_optimization_before; /* the sysctl's value before the run */
	const struct hb_attached *syscall_progs; /* attached before the run; NULL: unknown */
	const char *reference;   /* the hook the ratios compare against; NULL: none */
	const struct hb_history *history; /* earlier runs used; NULL: --no-history */
	int ringbuf_reader_cpu;  /* where the ring-buffer reader ran; -1: no ringbuf payload */
	const struct hb_foreign *foreign; /* others' programs where the run measures; NULL: unknown */
	long concurrent_holder_pid;       /* --allow-concurrent: the lock's holder; 0: none */
	const char *concurrent_holder_cmd;
	const struct hb_coverage *coverage; /* the coverage pass's hooks not run; NULL: no pass */
	const char *scratch_fs;  /* the workload's scratch directory's filesystem; NULL: unknown */
	uint64_t quiet_checks, quiet_gave_up; /* under -icount: see struct hb_measure */
	unsigned quiet_unread;                /* HB_QUIESCE_NO_* bits (quiesce.h) */
};

struct hb_json;
struct hb_coverage;
struct hb_foreign;

int hb_meta_write(FILE *f, const struct hb_meta *meta);

/* foreign_programs, foreign_programs_mid_run and the concurrency keys (meta_foreign.c). */
void hb_meta_write_foreign(struct hb_json *j, const struct hb_meta *m);

/* object: --object's file, settings and rows, or null (meta_object.c). */
void hb_meta_write_object(struct hb_json *j, const struct hb_meta *m);

#endif
