/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One measurement at a time: a system-wide flock(2) on a file that says who
 * holds it (its PID and command line). The kernel drops the lock when the
 * holder's last descriptor closes, so a crash or SIGKILL frees it too.
 */
#ifndef HB_RUNLOCK_H
#define HB_RUNLOCK_H

#include <stdbool.h>
#include <stddef.h>

#define HB_RUNLOCK_PATH "/run/hookbench.lock"
#define HB_RUNLOCK_FALLBACK "/tmp/hookbench.lock" /* where there is no /run */

struct hb_runlock {
	int fd;               /* -1 when not held */
	long holder_pid;      /* another holder's PID; 0 when unknown */
	char holder_cmd[512]; /* its command line; "" when unknown */
};

/*
 * Take the lock at path (NULL: HB_RUNLOCK_PATH; $HOOKBENCH_LOCK when set)
 * and write cmdline into it. Returns 0 when held, -EBUSY with the holder
 * filled in when another process holds it, or -errno.
 */
int hb_runlock_take(struct hb_runlock *l, const char *path, const char *cmdline);

/* Release it (when held); safe to call twice. */
void hb_runlock_release(struct hb_runlock *l);

/* The lock file's text, "PID\nCOMMAND\n": 0, or -EINVAL when malformed. */
int hb_runlock_parse(const char *text, long *pid, char *cmd, size_t len);

/* The path hb_runlock_take(l, NULL, ...) uses. */
const char *hb_runlock_path(void);

#endif
