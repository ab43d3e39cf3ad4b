/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A results directory that is written as DIR.partial and renamed to DIR
 * only when complete. An existing DIR is never overwritten.
 */
#ifndef HB_OUTDIR_H
#define HB_OUTDIR_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

struct hb_outdir {
	char final[PATH_MAX];
	char partial[PATH_MAX + 16];
};

/* "results/<UTC timestamp>" relative to the working directory. */
void hb_outdir_default(char *buf, size_t len);

/*
 * Check that dir can be created: neither dir nor dir.partial exists and the
 * parent is a writable directory. Creates nothing. 0 or -errno with why.
 */
int hb_outdir_check(const char *dir, char *why, size_t len);

/*
 * Create dir.partial (and "results/" itself for the default location);
 * under sudo, what it creates belongs to the invoking user.
 */
int hb_outdir_create(struct hb_outdir *o, const char *dir, char *why, size_t len);

/* Open name inside the partial directory for writing (the sudo user's). NULL with errno set. */
FILE *hb_outdir_fopen(const struct hb_outdir *o, const char *name);

/* Write name inside the partial directory with write(f, ctx), then close it. 0 or -errno. */
int hb_outdir_write(const struct hb_outdir *o, const char *name,
		    int (*write)(FILE *f, const void *ctx), const void *ctx);

/* Rename dir.partial to dir, refusing to replace anything. */
int hb_outdir_commit(const struct hb_outdir *o, char *why, size_t len);

#endif
