/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Can a hook block unlinkat()? Proven, not looked up: the hook is loaded with
 * the deny payload (filtered to this process), then the process removes
 * HB_DENY_PREFIX "0" and a few ordinary names.
 */
#ifndef HB_DENY_PROOF_H
#define HB_DENY_PROOF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hooks.h"
#include "probe.h"

/* The marked name the proof tries to remove, and how many ordinary names go with it. */
#define HB_DENY_MARKED HB_DENY_PREFIX "0"
#define HB_DENY_OTHERS 3

enum hb_can_block {
	HB_CAN_BLOCK_YES,     /* the marked call failed with EPERM, the file stayed, the others went */
	HB_CAN_BLOCK_NO,      /* it ran and something of that did not happen, or the verifier
			       * refused a deny program on a hook that runs here */
	HB_CAN_BLOCK_NOT_RUN, /* the kernel runs no such hook, or refused the deny program otherwise */
	HB_CAN_BLOCK_ERROR,   /* the proof itself failed (its files, or the program never saw the
			       * marked name): no answer */
};

struct hb_deny_result {
	enum hb_can_block can_block;
	char detail[1024]; /* what happened, or why it did not run */
};

/* What the workload saw while the deny program was attached. */
struct hb_deny_outcome {
	uint64_t refused;        /* the times the deny program returned -EPERM (its counter) */
	int marked_errno;        /* unlinkat() of the marked name: 0 (removed) or its errno */
	bool marked_kept;        /* the marked file is still there afterwards */
	unsigned others;         /* ordinary names created */
	unsigned others_removed; /* ordinary names gone afterwards */
};

/* "yes", "no", "not run", "error": blocking.csv's and `hookbench list`'s words. */
const char *hb_can_block_name(enum hb_can_block c);

/* The verdict on an outcome, with the detail. */
void hb_deny_judge(const struct hb_deny_outcome *o, struct hb_deny_result *r);

/*
 * The proof for hook, on a kernel where sup (hb_probe_hook() with the count
 * payload, and a load) says it runs: not run when sup says it does not. The
 * names are made and removed in dirfd, a directory of the caller's that
 * holds none of them. Returns 0 with r filled, or -errno when the proof
 * itself failed (r says so: HB_CAN_BLOCK_ERROR).
 */
int hb_deny_prove(const struct hb_probe_env *env, const struct hb_hook *hook,
		  struct hb_support *sup, int dirfd, struct hb_deny_result *r);

#endif
