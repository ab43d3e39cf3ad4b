// SPDX-License-Identifier: GPL-2.0-only
#include "runlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

const char *hb_runlock_path(void)
{
	const char *env = getenv("HOOKBENCH_LOCK");

	return env && *env ? env : HB_RUNLOCK_PATH;
}

int hb_runlock_parse(const char *text, long *pid, char *cmd, size_t len)
{
	const char *nl;
	char *end;

	errno = 0;
	*pid = strtol(text, &end, 10);
	if (errno || end == text || *end != '\n' || *pid <= 0)
		return -EINVAL;
	nl = strchr(end + 1, '\n');
	snprintf(cmd, len, "%.*s", (int)(nl ? nl - end - 1 : (long)strlen(end + 1)), end + 1);
	return 0;
}

/* What the holder wrote; left unknown when it has not written yet. */
static void read_holder(struct hb_runlock *l, int fd)
{
	char text[1024];
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);

	if (n <= 0)
		return;
	text[n] = '\0';
	if (hb_runlock_parse(text, &l->holder_pid, l->holder_cmd, sizeof(l->holder_cmd))) {
		l->holder_pid = 0;
		l->holder_cmd[0] = '\0';
	}
}

int hb_runlock_take(struct hb_runlock *l, const char *path, const char *cmdline)
{
	char text[1024];
	struct stat st;
	int fd, len, err = 0;

	l->fd = -1;
	l->holder_pid = 0;
	l->holder_cmd[0] = '\0';
	if (!path)
		path = hb_runlock_path();
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	/* No /run (a minimal guest): every hookbench there falls back alike. */
	if (fd < 0 && errno == ENOENT && !strcmp(path, HB_RUNLOCK_PATH))
		fd = open(HB_RUNLOCK_FALLBACK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -errno;
	/* In a world-writable /tmp another user could have made it to hold the lock forever. */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		err = -EPERM;
		goto cleanup;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		err = errno == EWOULDBLOCK ? -EBUSY : -errno;
		if (err == -EBUSY)
			read_holder(l, fd);
		goto cleanup;
	}
	len = snprintf(text, sizeof(text), "%ld\n%s\n", (long)getpid(), cmdline);
	if (len >= (int)sizeof(text))
		len = sizeof(text) - 1;
	if (ftruncate(fd, 0) || pwrite(fd, text, (size_t)len, 0) != len)
		err = -errno;
cleanup:
	if (err)
		close(fd);
	else
		l->fd = fd;
	return err;
}

void hb_runlock_release(struct hb_runlock *l)
{
	if (l->fd < 0)
		return;
	/* Emptied first, so a reader never names a process that has let go. */
	(void)!ftruncate(l->fd, 0); /* the lock goes with the descriptor either way */
	close(l->fd);
	l->fd = -1;
}
