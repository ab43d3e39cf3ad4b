/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The result directories a fleet is merged from. Each DIR given to
 * `hookbench merge` expands into sources, each one run on one kernel:
 *   - a run directory (summary.csv + meta.json: `hookbench run`, or one
 *     kernel of `hookbench vm`), and its vm/ (the guest half ./scripts/run
 *     adds) when there is one;
 *   - a directory without meta.json (a `hookbench vm` matrix, or a folder of
 *     directories collected from machines): every subdirectory that is a
 *     run directory, by name; a matrix's combined summary.csv is left out
 *     (its rows are the subdirectories'), its KERNEL.error files are kept
 *     as failed kernels.
 */
#ifndef HB_FLEET_SOURCES_H
#define HB_FLEET_SOURCES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "results.h"

struct hb_fleet_source {
	char path[PATH_MAX];  /* as found: DIR, DIR/vm, DIR/<kernel> */
	char real[PATH_MAX];  /* realpath(path) */
	bool vm;              /* a guest's run (meta.json has a vm object) */
	char host[256];       /* meta.json's hostname, else the directory's name; VMs: qemu-ACCEL[-icount] */
	char arch[64];        /* kernel.machine */
	char kernel[256];     /* kernel.release (a guest's own kernel for a VM) */
	struct hb_results r;
};

/* A kernel of a VM matrix that left no results: DIR/KERNEL.error. */
struct hb_fleet_failed {
	char path[PATH_MAX];
	char why[512]; /* the first line of the .error file */
};

struct hb_fleet_input {
	struct hb_fleet_source *src;
	size_t n, cap;
	struct hb_fleet_failed *failed;
	size_t nfailed, capfailed;
};

/* Add the sources dir expands into (see above). 0, or -errno with why. */
int hb_fleet_add_dir(struct hb_fleet_input *in, const char *dir, char *why, size_t len);

void hb_fleet_input_free(struct hb_fleet_input *in);

#endif
