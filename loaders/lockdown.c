// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "lockdown.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
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

/*
 * Mount securityfs in a child's own mount namespace and read the file there:
 * the host's mounts never change, so a kill at any point leaves nothing
 * behind. The child makes raw system calls only (it may be forked from a
 * threaded process) and sends the file's first bytes back through a pipe.
 */
static int read_private_mount(char *mode, size_t len)
{
	char text[256];
	int fds[2], status, err = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(fds[0]);
		close(fds[1]);
		return err;
	}
	if (pid == 0) {
		int fd;

		close(fds[0]);
		if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    mount("securityfs", "/sys/kernel/security", "securityfs",
			  MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL))
			_exit(1);
		fd = open(HB_LOCKDOWN_FILE, O_RDONLY | O_CLOEXEC);
		n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
		if (n > 0 && write(fds[1], text, (size_t)n) != n)
			_exit(1);
		_exit(fd >= 0 ? 0 : 2); /* 2: mounted, no lockdown file */
	}
	close(fds[1]);
	n = read(fds[0], text, sizeof(text) - 1);
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		return -ENOENT;
	if (n <= 0)
		return -EIO;
	text[n] = '\0';
	return hb_lockdown_parse(text, mode, len);
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
