/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hook x kernel grid of a merged directory, shared by the fleet page and
 * the heat map: one column per source (sorted by arch, kernel version, host),
 * one line per hook, a grid per payload x mode x threads (the lead one
 * first: the run's reference payload, mode enoent, the fewest threads).
 */
#ifndef HB_FLEET_GRID_H
#define HB_FLEET_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"

struct fleet_column {
	long long source; /* the rows' source column */
	const char *host, *arch, *kernel, *kind, *path, *timing;
	char label[24];   /* K1, K2, ... in column order */
};

struct fleet_group {
	const char *payload, *mode, *threads;
};

struct fleet_grid {
	const struct hb_results *r;
	struct fleet_column *col;
	size_t ncols;
	const char **hook; /* the control (nothing attached) left out */
	size_t nhooks;
	struct fleet_group *group;
	size_t ngroups;
};

/* A cell: the hook's cost on that kernel relative to the kernel's reference hook. */
struct fleet_cell {
	long row;          /* -1: the kernel did not run that hook there */
	bool ok;           /* a ratio to show */
	bool interval;     /* with its interval (low, high) */
	bool reference;    /* the reference hook itself */
	double est, low, high;
};

/* 0, -EINVAL when r has no fleet.sources, or -ENOMEM. */
int fleet_grid_build(const struct hb_results *r, struct fleet_grid *g);
void fleet_grid_free(struct fleet_grid *g);

struct fleet_cell fleet_grid_cell(const struct fleet_grid *g, size_t group, size_t hook, size_t col);

/* The hook column col's ratios are taken against. */
const char *fleet_grid_reference(const struct fleet_grid *g, size_t col);

/* "payload/mode/Nt". */
void fleet_group_name(const struct fleet_group *grp, char *buf, size_t len);

#endif
