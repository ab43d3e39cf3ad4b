/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What hookbench run checks before it measures, and between rounds: that no
 * other measurement runs (the lock) and that nothing foreign is attached
 * where it measures.
 */
#ifndef HB_RUN_GUARD_H
#define HB_RUN_GUARD_H

#include <stddef.h>
#include <stdint.h>

#include "foreign.h"
#include "meta.h"
#include "run_opts.h"
#include "runlock.h"

/*
 * Take the measurement lock. Busy: refused (-EBUSY, why says who holds it),
 * unless o->allow_concurrent, which goes on without it and notes the holder
 * in meta. Returns 0 or -errno with why.
 */
int hb_run_guard_lock(struct hb_runlock *l, const struct run_opts *o, struct hb_meta *meta,
		      const char *cmdline, char *why, size_t len);

/*
 * The foreign programs there now. Some, without o->allow_foreign: each is
 * printed on stderr and it returns -EEXIST with why naming the option.
 */
int hb_run_guard_foreign(struct hb_foreign *f, const struct run_opts *o, char *why, size_t len);

/* hb_measure's between_rounds, ctx a struct hb_foreign: warns of each that appears. */
void hb_run_guard_between_rounds(void *ctx, uint64_t round);

#endif
