// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "securityfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

/* Exit codes of the child. */
enum { CHILD_OK = 0, CHILD_FAILED = 1, CHILD_NO_FILE = 2 };

/*
 * The child makes raw system calls only (it may be forked from a threaded
 * process) and sends the file's first bytes back through a pipe.
 */
static void child_read(const char *path, int out, size_t len)
{
	char text[4096];
	ssize_t n;
	int fd;

	if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("securityfs", HB_SECURITYFS_DIR, "securityfs",
		  MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL))
		_exit(CHILD_FAILED);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		_exit(errno == ENOENT ? CHILD_NO_FILE : CHILD_FAILED);
	if (len > sizeof(text))
		len = sizeof(text);
	n = read(fd, text, len - 1);
	if (n > 0 && write(out, text, (size_t)n) != n)
		_exit(CHILD_FAILED);
	_exit(CHILD_OK);
}

int hb_securityfs_read_private(const char *name, char *text, size_t len)
{
	char path[256];
	int fds[2], status, err = 0;
	ssize_t n;
	pid_t pid;

	if (len < 2)
		return -EINVAL;
	snprintf(path, sizeof(path), "%s/%s", HB_SECURITYFS_DIR, name);
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
		close(fds[0]);
		child_read(path, fds[1], len);
	}
	close(fds[1]);
	n = read(fds[0], text, len - 1);
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_NO_FILE)
		return -ENOENT;
	if (n <= 0)
		return -EIO;
	text[n] = '\0';
	return 0;
}

int hb_securityfs_read(const char *name, char *text, size_t len)
{
	char path[256];
	FILE *f;
	size_t n;

	if (len < 2)
		return -EINVAL;
	if (access(HB_SECURITYFS_DIR "/lsm", F_OK) != 0)
		return hb_securityfs_read_private(name, text, len);
	snprintf(path, sizeof(path), "%s/%s", HB_SECURITYFS_DIR, name);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	n = fread(text, 1, len - 1, f);
	text[n] = '\0';
	fclose(f);
	return n ? 0 : -EIO;
}

bool hb_lsm_list_has(const char *list, const char *lsm)
{
	size_t n = strlen(lsm);

	for (const char *p = list; *p; p += strcspn(p, ","), p += *p == ',') {
		size_t len = strcspn(p, ",\n");

		if (len == n && !strncmp(p, lsm, n))
			return true;
	}
	return false;
}
