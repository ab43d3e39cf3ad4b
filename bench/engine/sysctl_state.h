/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a run changed, on disk: a state file per sysctl, written before the
 * change and removed after the restore. One that outlives its run (the run
 * was killed with SIGKILL, or the machine lost power mid-write) tells the
 * next run, or hookbench recover, what to put back.
 */
#ifndef HB_SYSCTL_STATE_H
#define HB_SYSCTL_STATE_H

#include <stddef.h>
#include <stdio.h>

/* Test-only override of HB_STATE_DIR; it also lifts the /proc/sys/ rule. */
#define HB_STATE_DIR_ENV "HOOKBENCH_STATE_DIR"
#define HB_STATE_DIR "/run/hookbench"

/*
 * Record, atomically, that this process is about to change path from old to
 * set, on behalf of who ("hookbench run"). The state file's path goes to
 * state. Returns 0, -EEXIST when another run's record for path is there, or
 * -errno, with why.
 */
int hb_sysctl_state_record(const char *path, const char *old, const char *set, const char *who,
			   char *state, size_t statelen, char *why, size_t len);

/* Remove a record (async-signal-safe). No-op for an empty state path. */
void hb_sysctl_state_forget(const char *state);

/*
 * Put back every change recorded by a process that is no longer alive, one
 * line on report for each ("hookbench: restored PATH to OLD, left at SET by
 * WHO pid N that did not finish"). A value someone changed since is left
 * alone, and said so. Returns how many records were settled, 0 when there
 * is no state directory, or -errno with why (-EACCES: not root).
 */
int hb_sysctl_recover(FILE *report, char *why, size_t len);

#endif
