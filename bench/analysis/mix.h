/* SPDX-License-Identifier: GPL-2.0-only */
/* mix.csv read back (common/mix_schema.h): unlinkat's share of a machine's syscalls. */
#ifndef HB_MIX_H
#define HB_MIX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HB_MIX_TOP 3

struct hb_mix_syscall {
	char name[64]; /* "" when the writer's libseccomp did not know the number */
	char abi[16];  /* native, compat or outside */
	long nr;       /* -1 for outside */
	uint64_t count;
};

struct hb_mix {
	double seconds;
	uint64_t total;
	uint64_t unlinkat; /* native unlinkat() calls: what the decision is about */
	uint64_t unlink;   /* native unlink() calls: do_unlinkat too, but not unlinkat's tracepoints */
	double share;      /* unlinkat / total */
	char kernel[128];
	size_t ntop;
	struct hb_mix_syscall top[HB_MIX_TOP]; /* the most frequent, most first */
};

/*
 * Read path. Every row must carry the same seconds, total and kernel, the
 * counts must add up to the total, and native unlinkat must have its row.
 * Returns 0, -ENOENT when there is no file, -EINVAL for a malformed one (why
 * names the file, the line and what is wrong) or -ENOMEM.
 */
int hb_mix_read(const char *path, struct hb_mix *m, char *why, size_t len);

struct hb_csv_table;

/* hb_mix_read() on a table already parsed, named path in why. 0 or -EINVAL. */
int hb_mix_from_table(const struct hb_csv_table *t, const char *path, struct hb_mix *m, char *why,
		      size_t len);

/* "12 unlinkat of 48,113 syscalls over 5.0 s on 6.18.0-1-amd64": the counts behind a share. */
void hb_mix_describe(const struct hb_mix *m, char *buf, size_t len);

/*
 * What hookbench mix prints: unlinkat's share with its counts (and unlink's
 * calls when there were any), then the most frequent syscalls.
 */
void hb_mix_print(FILE *f, const struct hb_mix *m);

#endif
