/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The coverage experiment: what each hook sees, and whether it can block.
 * Every hook that runs here is attached with the count payload on this
 * process, and every removal path (workloads/removal_paths.h) is made N
 * times per outcome; the hook's count before and after is what it saw.
 */
#ifndef HB_COVERAGE_H
#define HB_COVERAGE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "deny_proof.h"
#include "hooks.h"
#include "probe.h"
#include "removal_paths.h"

#define HB_COVERAGE_DEFAULT_CALLS 8

struct hb_coverage_row {
	const struct hb_hook *hook;
	enum hb_removal_path path;
	enum hb_removal_outcome outcome;
	uint64_t seen;     /* events the hook counted in this process */
	uint64_t expected; /* calls made */
	char reason[256];  /* why the path was not made here; empty: seen/expected hold */
};

/* One hook of the pass: whether the kernel ran it (else it has no rows), and its deny proof. */
struct hb_coverage_hook {
	const struct hb_hook *hook;
	bool ran;
	char reason[512]; /* why it did not run */
	struct hb_deny_result proof;
};

struct hb_coverage {
	struct hb_coverage_row *rows;
	size_t nrows;
	struct hb_coverage_hook hooks[HB_MAX_HOOKS];
	size_t nhooks;
};

/*
 * For each of the nhooks hooks (indices into hb_hooks), then the nobjects
 * rows of a user's object (--object): attach it (count payload, this tgid),
 * make every path x outcome calls times in dirfd and keep one row each, then
 * prove whether it can block (deny_proof.h; built-in hooks only). Nothing
 * stays attached when it returns. stop (may be NULL) ends it early with
 * -EINTR. Returns 0, or -errno with why (a call that did not do what it
 * should, a proof that failed, or no memory). Free c with hb_coverage_free()
 * on every path.
 */
int hb_coverage_run(struct hb_coverage *c, const size_t *hooks, size_t nhooks,
		    const struct hb_hook *objects, size_t nobjects, const struct hb_probe_env *env,
		    int dirfd, uint64_t calls, const _Atomic bool *stop, char *why, size_t len);
void hb_coverage_free(struct hb_coverage *c);

/* coverage.csv: hook,path,outcome,seen,expected,reason (coverage_csv.c). Returns 0 or -errno. */
int hb_coverage_csv_write(FILE *f, const struct hb_coverage *c);

/* blocking.csv: hook,can_block,detail, one row per hook of the pass (coverage_csv.c). 0 or -errno. */
int hb_blocking_csv_write(FILE *f, const struct hb_coverage *c);

/* The table on a terminal: one line per hook and path, seen/expected per outcome. */
void hb_coverage_print(FILE *f, const struct hb_coverage *c);

#endif
