// SPDX-License-Identifier: GPL-2.0-only
/*
 * hb-perf-attach: a foreign program attached the way bpftrace and bcc do,
 * with no BPF link: perf_event_open on a tracepoint or a kprobe, then
 * PERF_EVENT_IOC_SET_BPF and PERF_EVENT_IOC_ENABLE. The program does
 * nothing. Its own descriptor is closed once attached, so only the perf
 * event keeps it: what hookbench must find.
 *
 *   hb-perf-attach tracepoint GROUP/NAME   e.g. syscalls/sys_enter_unlinkat
 *   hb-perf-attach kprobe FUNCTION         e.g. do_unlinkat
 *
 * Prints "prog ID fd FD" once attached and holds it until SIGINT or SIGTERM.
 * tracefs is mounted in a private mount namespace when it is not mounted.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const tracefs_dirs[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

static int read_number(const char *path, unsigned long long *value)
{
	FILE *f = fopen(path, "re");
	int err = 0;

	if (!f)
		return -errno;
	if (fscanf(f, "%llu", value) != 1)
		err = -EINVAL;
	fclose(f);
	return err;
}

static int tracepoint_id(const char *event, unsigned long long *id)
{
	char path[512];
	int err = -ENOENT;

	for (int mounted = 0; mounted < 2 && err; mounted++) {
		for (size_t i = 0; i < 2 && err; i++) {
			snprintf(path, sizeof(path), "%s/events/%s/id", tracefs_dirs[i], event);
			err = read_number(path, id);
		}
		if (err && !mounted &&
		    (unshare(CLONE_NEWNS) || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		     mount("tracefs", tracefs_dirs[0], "tracefs", 0, NULL)))
			return -errno;
	}
	return err;
}

static int open_event(const char *kind, const char *what)
{
	struct perf_event_attr attr = { .size = sizeof(attr), .sample_period = 1, .wakeup_events = 1 };
	unsigned long long n;
	int err;

	if (!strcmp(kind, "tracepoint")) {
		err = tracepoint_id(what, &n);
		attr.type = PERF_TYPE_TRACEPOINT;
	} else {
		err = read_number("/sys/bus/event_source/devices/kprobe/type", &n);
		attr.type = (unsigned)n;
		n = 0;
		attr.config1 = (unsigned long long)(uintptr_t)what; /* the function's name */
	}
	if (err)
		return err;
	attr.config = n;
	err = (int)syscall(SYS_perf_event_open, &attr, -1 /* every task, on CPU 0 */, 0, -1, PERF_FLAG_FD_CLOEXEC);
	return err < 0 ? -errno : err;
}

static void on_signal(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	const struct bpf_insn ret0[] = {
		{ .code = 0xb7, .dst_reg = 0, .imm = 0 }, /* r0 = 0 */
		{ .code = 0x95 },                         /* exit */
	};
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t stop, old;
	enum bpf_prog_type type;
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int prog = -1, event = -1, err;

	if (argc != 3 || (strcmp(argv[1], "tracepoint") && strcmp(argv[1], "kprobe"))) {
		fprintf(stderr, "usage: hb-perf-attach tracepoint GROUP/NAME | kprobe FUNCTION\n");
		return 2;
	}
	type = strcmp(argv[1], "kprobe") ? BPF_PROG_TYPE_TRACEPOINT : BPF_PROG_TYPE_KPROBE;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Held until sigsuspend(): a signal sent right after the line is printed is not lost. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, &old);
	prog = bpf_prog_load(type, "hb_perf_attach", "GPL", ret0, 2, NULL);
	err = prog < 0 ? prog : 0;
	if (!err) {
		event = open_event(argv[1], argv[2]);
		err = event < 0 ? event : 0;
	}
	if (!err && (ioctl(event, PERF_EVENT_IOC_SET_BPF, prog) || ioctl(event, PERF_EVENT_IOC_ENABLE, 0)))
		err = -errno;
	memset(&info, 0, sizeof(info));
	if (!err && bpf_obj_get_info_by_fd(prog, &info, &len))
		err = -errno;
	if (err) {
		fprintf(stderr, "hb-perf-attach: cannot attach to %s %s: %s\n", argv[1], argv[2],
			strerror(-err));
	} else {
		close(prog);
		prog = -1;
		printf("prog %u fd %d\n", info.id, event);
		fflush(stdout);
		sigsuspend(&old);
	}
	if (event >= 0)
		close(event);
	if (prog >= 0)
		close(prog);
	return err ? 1 : 0;
}
