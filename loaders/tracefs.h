/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HB_TRACEFS_H
#define HB_TRACEFS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Directory that holds tracefs ("/sys/kernel/tracing" or
 * "/sys/kernel/debug/tracing"), or NULL when tracefs is not mounted.
 */
const char *hb_tracefs_dir(void);

/* True when tracefs lists the tracepoint category:name. */
bool hb_tracefs_has_event(const char *category, const char *name);

/*
 * Make sure tracefs (libbpf resolves tracepoint ids there) and debugfs
 * (kprobes/list) are reachable. What is not mounted is mounted in a private
 * mount namespace of the calling process: nothing changes for the rest of
 * the system and nothing needs undoing. Call it before starting threads.
 * Returns 0 or -errno; how says what was done.
 */
int hb_tracefs_ensure(char *how, size_t len);

#endif
