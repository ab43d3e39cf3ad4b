/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading hyperfine's --export-json: the mean wall and CPU time of each command. */
#ifndef HB_HYPERFINE_EXPORT_H
#define HB_HYPERFINE_EXPORT_H

#include <stddef.h>

struct json_object;

/*
 * For each of the n commands (hyperfine's "command" strings), its "mean" in
 * seconds from doc's "results" (the last entry for it counts), or NAN when
 * it has no entry with a finite mean.
 */
void hb_hyperfine_means(struct json_object *doc, const char *const *cmds, size_t n, double *means);

/* The same for the CPU time: "user" plus "system" (means over the runs, s). */
void hb_hyperfine_cpu(struct json_object *doc, const char *const *cmds, size_t n, double *cpu);

#endif
