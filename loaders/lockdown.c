// SPDX-License-Identifier: GPL-2.0-only
#include "lockdown.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

int hb_lockdown_parse(const char *text, char *mode, size_t len)
{
	const char *open = strchr(text, '['), *close = open ? strchr(open, ']') : NULL;

	if (!close || close == open + 1)
		return -EINVAL;
	snprintf(mode, len, "%.*s", (int)(close - open - 1), open + 1);
	return 0;
}

int hb_lockdown_read_file(const char *path, char *mode, size_t len)
{
	char text[256];
	FILE *f = fopen(path, "re");
	int err = 0;

	if (!f)
		return -errno;
	if (!fgets(text, sizeof(text), f))
		err = -EIO;
	fclose(f);
	return err ? err : hb_lockdown_parse(text, mode, len);
}

/* Mount securityfs on a directory of our own, read, and leave nothing behind. */
static int read_private_mount(char *mode, size_t len)
{
	char dir[] = "/tmp/hookbench-securityfs.XXXXXX", path[sizeof(dir) + 16];
	int err;

	if (!mkdtemp(dir))
		return -errno;
	if (mount("securityfs", dir, "securityfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY,
		  NULL)) {
		err = -errno;
		goto cleanup;
	}
	snprintf(path, sizeof(path), "%s/lockdown", dir);
	err = hb_lockdown_read_file(path, mode, len);
	umount2(dir, MNT_DETACH);
cleanup:
	rmdir(dir);
	return err;
}

int hb_lockdown_read(char *mode, size_t len)
{
	int err = hb_lockdown_read_file(HB_LOCKDOWN_FILE, mode, len);

	if (err != -ENOENT)
		goto done;
	if (access("/sys/kernel/security/lsm", F_OK) == 0) {
		/* securityfs is there and has no lockdown file: no lockdown LSM */
		snprintf(mode, len, "none");
		return 0;
	}
	if (geteuid() != 0) {
		snprintf(mode, len, HB_LOCKDOWN_UNMOUNTED);
		return err;
	}
	err = read_private_mount(mode, len);
	if (err == -ENOENT) {
		snprintf(mode, len, "none");
		return 0;
	}
	if (err) {
		snprintf(mode, len, HB_LOCKDOWN_UNMOUNTED);
		return err;
	}
done:
	if (err)
		snprintf(mode, len, "unknown (%s)", strerror(-err));
	return err;
}

int hb_lockdown_active(const char *mode)
{
	return !strcmp(mode, "integrity") || !strcmp(mode, "confidentiality");
}
