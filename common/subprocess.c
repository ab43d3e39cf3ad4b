// SPDX-License-Identifier: GPL-2.0-only
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int redirect(posix_spawn_file_actions_t *fa, int fd, int target)
{
	if (fd == HB_SPAWN_INHERIT)
		return 0;
	if (fd == HB_SPAWN_NULL)
		return posix_spawn_file_actions_addopen(fa, target, "/dev/null", O_WRONLY, 0);
	return posix_spawn_file_actions_adddup2(fa, fd, target);
}

static bool stopping(const struct hb_spawn_io *io)
{
	return io->stop && atomic_load(io->stop);
}

int hb_spawn_wait(char *const argv[], const struct hb_spawn_io *io, int *status)
{
	posix_spawn_file_actions_t fa;
	bool killed = false;
	pid_t pid;
	int err;

	err = posix_spawn_file_actions_init(&fa);
	if (err)
		return -err;
	err = redirect(&fa, io->out, STDOUT_FILENO);
	if (!err)
		err = redirect(&fa, io->err, STDERR_FILENO);
	if (!err)
		err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return -err;
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
		if (stopping(io) && !killed) {
			kill(pid, SIGTERM);
			killed = true;
		}
	}
	return stopping(io) ? -EINTR : 0;
}

bool hb_exited_ok(int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
