// SPDX-License-Identifier: GPL-2.0-only
#include "sysctl_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sysctl_state.h"

int hb_sysctl_guard_set(struct hb_sysctl_guard *g, const char *path, const char *value,
			char *why, size_t len)
{
	char old[sizeof(g->old)];
	ssize_t n;
	int err;

	g->armed = 0;
	g->state[0] = '\0';
	g->fd = open(path, O_RDWR | O_CLOEXEC);
	if (g->fd < 0) {
		err = -errno;
		snprintf(why, len, "cannot open %s: %s", path, strerror(-err));
		return err;
	}
	n = read(g->fd, g->old, sizeof(g->old) - 1);
	if (n <= 0) {
		err = n < 0 ? -errno : -EIO;
		snprintf(why, len, "cannot read %s: %s", path, strerror(-err));
		goto fail;
	}
	g->old[n] = '\0';
	g->oldlen = (size_t)n;
	snprintf(old, sizeof(old), "%.*s", (int)strcspn(g->old, "\n"), g->old);
	err = hb_sysctl_state_record(path, old, value, "hookbench run", g->state, sizeof(g->state),
				     why, len);
	if (err)
		goto fail;
	g->armed = 1;
	if (pwrite(g->fd, value, strlen(value), 0) < 0) {
		err = -errno;
		snprintf(why, len, "cannot write %s to %s: %s", value, path, strerror(-err));
		hb_sysctl_guard_restore(g);
		goto fail;
	}
	return 0;
fail:
	close(g->fd);
	g->fd = -1;
	return err;
}

void hb_sysctl_guard_restore(struct hb_sysctl_guard *g)
{
	if (!g->armed || g->fd < 0)
		return;
	g->armed = 0;
	if (pwrite(g->fd, g->old, g->oldlen, 0) >= 0)
		hb_sysctl_state_forget(g->state);
}

void hb_sysctl_guard_release(struct hb_sysctl_guard *g)
{
	hb_sysctl_guard_restore(g);
	if (g->fd >= 0)
		close(g->fd);
	g->fd = -1;
}
