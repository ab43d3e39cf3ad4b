// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void run_child(char *const argv[], const sigset_t *mask, const struct hb_creds *as,
		      int go_rd, int status_wr, pid_t parent)
{
	int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE };
	char go;
	int err;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(127);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	sigprocmask(SIG_SETMASK, mask, NULL);
	if (read(go_rd, &go, 1) != 1)
		_exit(127);
	err = as ? -hb_creds_apply(as) : 0;
	if (!err) {
		execvp(argv[0], argv);
		err = errno;
	}
	if (write(status_wr, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

int hb_child_spawn(char *const argv[], const sigset_t *child_mask, const struct hb_creds *as,
		   struct hb_child *c)
{
	int go[2] = { -1, -1 }, status[2] = { -1, -1 };
	pid_t parent = getpid();
	int err = 0;

	c->pid = -1;
	c->go_fd = c->status_fd = -1;
	if (pipe2(go, O_CLOEXEC) || pipe2(status, O_CLOEXEC)) {
		err = -errno;
		goto cleanup;
	}
	c->pid = fork();
	if (c->pid < 0) {
		err = -errno;
		goto cleanup;
	}
	if (c->pid == 0) {
		close(go[1]);
		close(status[0]);
		run_child(argv, child_mask, as, go[0], status[1], parent);
	}
	c->go_fd = go[1];
	c->status_fd = status[0];
	go[1] = status[0] = -1;
cleanup:
	close_fd(&go[0]);
	close_fd(&go[1]);
	close_fd(&status[0]);
	close_fd(&status[1]);
	return err;
}

int hb_child_release(struct hb_child *c)
{
	int child_errno = 0;
	ssize_t n;

	if (write(c->go_fd, "g", 1) != 1) {
		int err = -errno;

		close_fd(&c->go_fd);
		return err;
	}
	close_fd(&c->go_fd);
	do
		n = read(c->status_fd, &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close_fd(&c->status_fd);
	if (n == (ssize_t)sizeof(child_errno))
		return -child_errno;
	return 0;
}

void hb_child_abort(struct hb_child *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	c->pid = -1;
	close_fd(&c->go_fd);
	close_fd(&c->status_fd);
}
