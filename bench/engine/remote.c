// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "remote.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "cpu.h"
#include "storm.h"

struct request {
	uint64_t preroll, ops;
};

/*
 * The messages are a few bytes on a local stream socket: each is read or
 * written whole unless interrupted. send(MSG_NOSIGNAL), not a pipe's write(),
 * so a dead process is -EPIPE here and not a SIGPIPE that ends the run.
 */
static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = recv(fd, p, len, MSG_WAITALL);

		if (n < 0 && errno == EINTR)
			continue; /* a signal between parts of the message: read the rest */
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EPIPE;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void run_request(const struct request *q, int pin_err, struct hb_job_result *r)
{
	uint64_t done, c0, t0;

	memset(r, 0, sizeof(*r));
	r->err = pin_err;
	if (r->err)
		return;
	storm_loop(STORM_MODE_OTHER_REMOTE, -1, q->preroll, NULL, &done);
	c0 = hb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	t0 = hb_clock_ns(CLOCK_MONOTONIC);
	r->err = storm_loop(STORM_MODE_OTHER_REMOTE, -1, q->ops, NULL, &done);
	r->wall_ns = hb_clock_ns(CLOCK_MONOTONIC) - t0;
	r->cpu_ns = hb_clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
}

static _Noreturn void child_main(int fd, unsigned cpu, pid_t parent)
{
	static const int stops[] = { SIGINT, SIGTERM, SIGHUP };
	struct hb_job_result r;
	struct request q;
	int pin_err;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(1);
	/* Nothing of the parent's but the socket: not the measurement lock, not a BPF fd. */
	if (dup2(fd, 3) < 0)
		_exit(1);
	fd = 3;
	if (syscall(SYS_close_range, 4U, ~0U, 0U))
		for (int i = 4; i < 1024; i++) /* a kernel before 5.9 */
			close(i);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		signal(stops[i], SIG_IGN);
	pin_err = hb_pin_to_cpu(cpu);
	while (read_all(fd, &q, sizeof(q)) == 0) {
		run_request(&q, pin_err, &r);
		if (write_all(fd, &r, sizeof(r)))
			break;
	}
	_exit(0);
}

int hb_remote_start(struct hb_remote *r, unsigned cpu)
{
	int sv[2] = { -1, -1 };
	pid_t parent = getpid();
	int err = 0;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		err = -errno;
		goto cleanup;
	}
	r->pid = fork();
	if (r->pid < 0) {
		err = -errno;
		r->pid = 0;
		goto cleanup;
	}
	if (r->pid == 0) {
		close(sv[0]);
		child_main(sv[1], cpu, parent);
	}
	r->cpu = cpu;
	r->fd = sv[0];
	sv[0] = -1;
cleanup:
	for (int i = 0; i < 2; i++)
		if (sv[i] >= 0)
			close(sv[i]);
	return err;
}

int hb_remote_run(struct hb_remote *r, uint64_t preroll, uint64_t ops, struct hb_job_result *res)
{
	struct request q = { .preroll = preroll, .ops = ops };
	int err;

	if (!r->pid)
		return -ECHILD;
	err = write_all(r->fd, &q, sizeof(q));
	if (!err)
		err = read_all(r->fd, res, sizeof(*res));
	return err ? err : res->err;
}

void hb_remote_stop(struct hb_remote *r)
{
	if (!r->pid)
		return;
	close(r->fd);
	while (waitpid(r->pid, NULL, 0) < 0 && errno == EINTR)
		;
	r->pid = 0;
	r->fd = -1;
}
