/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A sysctl changed for the duration of a run and put back on every way out:
 * normal exit, errors, a stop signal, a second signal, a crash. For what
 * no handler sees (SIGKILL, a power cut), the change is recorded on disk
 * first (sysctl_state.h) and the next run or hookbench recover puts it back.
 */
#ifndef HB_SYSCTL_GUARD_H
#define HB_SYSCTL_GUARD_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct hb_sysctl_guard {
	int fd;                     /* kept open, so restoring needs no path lookup */
	char old[32];               /* the value before, as read */
	size_t oldlen;
	char state[PATH_MAX + 32];  /* the on-disk record, removed once restored */
	volatile sig_atomic_t armed;
};

/*
 * Remember path's value, record it on disk, then write value. Returns 0,
 * -ENOENT when the sysctl does not exist, or -errno (why says which step
 * failed).
 */
int hb_sysctl_guard_set(struct hb_sysctl_guard *g, const char *path, const char *value,
			char *why, size_t len);

/* Write the old value back, once, and drop the record. Async-signal-safe. */
void hb_sysctl_guard_restore(struct hb_sysctl_guard *g);

/* Restore and close. Safe on a zeroed guard with fd -1. */
void hb_sysctl_guard_release(struct hb_sysctl_guard *g);

#endif
