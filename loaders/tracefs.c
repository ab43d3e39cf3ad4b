// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "tracefs.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define TRACEFS "/sys/kernel/tracing"
#define DEBUGFS_TRACING "/sys/kernel/debug/tracing"

const char *hb_tracefs_dir(void)
{
	/* libbpf prefers the debugfs path when it exists; follow the same order. */
	if (access(DEBUGFS_TRACING "/events", F_OK) == 0)
		return DEBUGFS_TRACING;
	if (access(TRACEFS "/events", F_OK) == 0)
		return TRACEFS;
	return NULL;
}

int hb_tracefs_ensure(char *how, size_t len)
{
	int err;

	if (hb_tracefs_dir()) {
		snprintf(how, len, "tracefs already mounted at %s", hb_tracefs_dir());
		return 0;
	}
	if (unshare(CLONE_NEWNS)) {
		err = -errno;
		snprintf(how, len, "tracefs is not mounted and a private mount namespace failed: %s",
			 strerror(-err));
		return err;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("tracefs", TRACEFS, "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) {
		err = -errno;
		snprintf(how, len, "tracefs is not mounted and mounting it privately failed: %s",
			 strerror(-err));
		return err;
	}
	snprintf(how, len, "tracefs mounted at " TRACEFS " in a private mount namespace");
	return 0;
}
