// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "tracefs.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
#include <sys/mount.h>
#include <sys/vfs.h>
#include <unistd.h>

#define TRACEFS "/sys/kernel/tracing"
#define DEBUGFS "/sys/kernel/debug"
#define DEBUGFS_TRACING DEBUGFS "/tracing"
#define DEBUGFS_MAGIC 0x64626720

const char *hb_tracefs_dir(void)
{
	/* libbpf prefers the debugfs path when it exists; follow the same order. */
	if (access(DEBUGFS_TRACING "/events", F_OK) == 0)
		return DEBUGFS_TRACING;
	if (access(TRACEFS "/events", F_OK) == 0)
		return TRACEFS;
	return NULL;
}

bool hb_tracefs_has_event(const char *category, const char *name)
{
	const char *dir = hb_tracefs_dir();
	char path[512];

	if (!dir)
		return false;
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir, category, name);
	return access(path, R_OK) == 0;
}

static bool debugfs_mounted(void)
{
	struct statfs st;

	return statfs(DEBUGFS, &st) == 0 && st.f_type == DEBUGFS_MAGIC;
}

/* Mount fstype at dir; the first call moves into a private mount namespace. */
static int mount_privately(bool *unshared, const char *fstype, const char *dir)
{
	if (!*unshared) {
		if (unshare(CLONE_NEWNS) || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL))
			return -errno;
		*unshared = true;
	}
	return mount(fstype, dir, fstype, MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) ? -errno : 0;
}

int hb_tracefs_ensure(char *how, size_t len)
{
	bool unshared = false;
	int err = 0;

	snprintf(how, len, "tracefs and debugfs were mounted");
	if (!debugfs_mounted()) {
		err = mount_privately(&unshared, "debugfs", DEBUGFS);
		if (err) {
			snprintf(how, len, "debugfs is not mounted and mounting it privately failed: %s",
				 strerror(-err));
			return err;
		}
	}
	if (!hb_tracefs_dir()) {
		err = mount_privately(&unshared, "tracefs", TRACEFS);
		if (err) {
			snprintf(how, len, "tracefs is not mounted and mounting it privately failed: %s",
				 strerror(-err));
			return err;
		}
	}
	if (unshared)
		snprintf(how, len, "mounted what was missing of tracefs and debugfs in a private mount namespace");
	return 0;
}
