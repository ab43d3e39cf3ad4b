// SPDX-License-Identifier: GPL-2.0-only
#include "lockdown.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "securityfs.h"

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

static int read_private_mount(char *mode, size_t len)
{
	char text[256];
	int err = hb_securityfs_read_private("lockdown", text, sizeof(text));

	return err ? err : hb_lockdown_parse(text, mode, len);
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
