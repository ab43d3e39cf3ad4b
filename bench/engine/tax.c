// SPDX-License-Identifier: GPL-2.0-only
#include "tax.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bare_loop.h"
#include "clock.h"
#include "cpu.h"
#include "storm.h"

/* The thread's CPU time, as hookbench run times blocks by default. */
static uint64_t now_ns(void)
{
	return hb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static int measure(const struct hb_tax_opts *o, int dirfd, double *bare, double *storm)
{
	static const _Atomic bool never_stop = false;
	uint64_t done;

	for (uint64_t r = 0; r < o->warmup + o->blocks; r++) {
		double ns[2];

		for (int pos = 0; pos < 2; pos++) {
			bool is_bare = (pos == 0) == (r % 2 == 0);
			uint64_t t0 = now_ns();
			int err = 0;

			if (is_bare)
				hb_bare_unlinkat_loop(dirfd, STORM_ENOENT_NAME, o->ops);
			else
				err = storm_loop(STORM_MODE_ENOENT, dirfd, o->ops, &never_stop, &done);
			ns[is_bare] = (double)(now_ns() - t0) / (double)o->ops;
			if (err)
				return err;
		}
		if (r >= o->warmup) {
			bare[r - o->warmup] = ns[1];
			storm[r - o->warmup] = ns[0];
		}
	}
	return 0;
}

static void figures(const struct hb_tax_opts *o, double *bare, double *storm,
		    double *ratio, struct hb_tax *t)
{
	for (uint64_t i = 0; i < o->blocks; i++)
		ratio[i] = bare[i] / storm[i];
	t->ratio = hb_median(ratio, o->blocks);
	hb_median_ci(ratio, o->blocks, HB_TAX_CONFIDENCE, &t->ci);
	t->bare_ns = hb_median(bare, o->blocks);
	t->storm_ns = hb_median(storm, o->blocks);
}

int hb_tax_run(const struct hb_tax_opts *o, struct hb_tax *t, char *why, size_t len)
{
	struct storm_scratch scratch = { .dirfd = -1 };
	double *bare = calloc(o->blocks, sizeof(double));
	double *storm = calloc(o->blocks, sizeof(double));
	double *ratio = calloc(o->blocks, sizeof(double));
	int err = -ENOMEM;

	if (!bare || !storm || !ratio) {
		snprintf(why, len, "out of memory");
		goto cleanup;
	}
	err = hb_pin_to_cpu(o->cpu);
	if (err) {
		snprintf(why, len, "cannot pin to CPU %u: %s", o->cpu, strerror(-err));
		goto cleanup;
	}
	err = storm_scratch_create(&scratch, o->dir, 1);
	if (err) {
		snprintf(why, len, "cannot create a scratch dir: %s", strerror(-err));
		goto cleanup;
	}
	err = measure(o, scratch.dirfd, bare, storm);
	if (err) {
		snprintf(why, len, "the workload failed: %s", strerror(-err));
		goto cleanup;
	}
	figures(o, bare, storm, ratio, t);
cleanup:
	storm_scratch_destroy(&scratch);
	free(bare);
	free(storm);
	free(ratio);
	return err;
}
