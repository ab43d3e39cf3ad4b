/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A user's own BPF object (hookbench run --object): which of its programs
 * become rows, each a run-time struct hb_hook named FILE:NAME, and how one
 * is opened, given its --set values and loaded. No printing.
 */
#ifndef HB_OBJECT_H
#define HB_OBJECT_H

#include <bpf/libbpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "family.h"
#include "hooks.h"
#include "kinds/kind.h"

#define HB_OBJECT_MAX_PROGS 8
#define HB_OBJECT_MAX_SETS 16

/* --set NAME=VALUE: a const volatile global of the object's .rodata. */
struct hb_object_set {
	char name[64];
	char value[128];
};

/* What the command line says about the object. */
struct hb_object_opts {
	const char *path;
	const char *programs[HB_OBJECT_MAX_PROGS]; /* --program; none: every auto-attachable one */
	size_t nprograms;
	struct hb_object_set sets[HB_OBJECT_MAX_SETS];
	size_t nsets;
	const char *set_pid;       /* --set-pid: this global gets the workload's tgid */
	const char *attach_symbol; /* --attach-symbol: the kernel function for kprobe/fentry programs */
};

/* One program of the object, as a row of the run. */
struct hb_object_prog {
	const struct hb_object_opts *opts;
	char prog[64];        /* its name in the object */
	char section[128];    /* its SEC() */
	char kind[32];        /* libbpf's name of its program type */
	char attach_type[48]; /* libbpf's name of its expected attach type */
	bool kprobe, retprobe; /* a kprobe or kretprobe program */
	bool tracing;          /* fentry, fexit or fmod_ret: the target is set before load */
	uint32_t crc32;        /* the file's: runs of another build of it are not its history */
};

/* The rows of an object: hooks[i] is the row of progs[i], run by ops[i]. */
struct hb_object_rows {
	struct hb_hook hooks[HB_OBJECT_MAX_PROGS];
	struct hb_object_prog progs[HB_OBJECT_MAX_PROGS];
	struct hb_attach_ops ops[HB_OBJECT_MAX_PROGS];
	char names[HB_OBJECT_MAX_PROGS][128];
	char skipped[256]; /* programs left out as not auto-attachable: "a (SEC socket), ..." */
	size_t n;
};

/* The largest object file --object reads. */
#define HB_OBJECT_MAX_BYTES (64u << 20)

/* "FILE:NAME", FILE the path's base name without .bpf.o or .o. 0 or -ENAMETOOLONG. */
int hb_object_row_name(const char *path, const char *prog, char *buf, size_t len);

/* Parse "NAME=VALUE" (NAME a C identifier, VALUE not empty). 0 or -EINVAL. */
int hb_object_parse_set(const char *arg, struct hb_object_set *out);

/*
 * Check the file (ELF, BPF), open it without loading, pick its programs,
 * check the --set names and values and its maps' pinning, and fill rows.
 * Returns 0, or -errno with one line in why.
 */
int hb_object_rows_build(const struct hb_object_opts *o, struct hb_object_rows *rows, char *why,
			 size_t len);

/*
 * Open p's object with only p's program to load, apply the --set values
 * (and --set-pid as tgid) and --attach-symbol, and load it. Returns 0 with
 * out and *prog filled, or -errno with why; the verifier's log, if it
 * refused, is left in oo's kernel_log_buf. out holds the object from the
 * moment it is open, on failure too: hb_family_close() it on every path.
 */
int hb_object_open(const struct hb_object_prog *p, const struct bpf_object_open_opts *oo,
		   pid_t tgid, struct hb_skel *out, struct bpf_program **prog, char *why, size_t len);

/* Attach a loaded program of an object row where its SEC() (or --attach-symbol) says. */
int hb_object_attach(const struct hb_object_prog *p, struct bpf_program *prog,
		     struct bpf_link **link);

#endif
