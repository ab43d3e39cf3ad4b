// SPDX-License-Identifier: GPL-2.0-only
/*
 * Foreign programs without the kernel: fdinfo parsing and owner lookup on a
 * fixture /proc, what a perf event's BPF_TASK_FD_QUERY answer reads as,
 * which attach points count as the syscall path and the measured path, the
 * rounds a mid-run program spoils, and the lock file's text.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "foreign.h"
#include "owner.h"
#include "perf_attached.h"
#include "runlock.h"
#include "tap.h"

#define PROC FIXTURES "/proc"
#define EVENTS FIXTURES "/tracefs-events"

static void fdinfo(void)
{
	uint32_t prog, link;

	hb_fdinfo_parse("pos:\t0\nflags:\t02000002\nprog_type:\t5\nprog_tag:\tab\nprog_id:\t41\n"
			"run_cnt:\t0\n", &prog, &link);
	TAP_OK(prog == 41 && link == 0, "a program's fdinfo: prog_id 41, no link (%u, %u)", prog, link);
	hb_fdinfo_parse("pos:\t0\nlink_type:\tperf\nlink_id:\t7\nprog_tag:\tab\nprog_id:\t41\n",
			&prog, &link);
	TAP_OK(prog == 41 && link == 7, "a link's fdinfo: link_id 7 of prog 41 (%u, %u)", prog, link);
	hb_fdinfo_parse("pos:\t0\nflags:\t02\nmnt_id:\t15\nino:\t2058\n", &prog, &link);
	TAP_OK(prog == 0 && link == 0, "a plain file's fdinfo names no BPF id");
	hb_fdinfo_parse("", &prog, &link);
	TAP_OK(prog == 0 && link == 0, "an empty fdinfo names none");
	hb_fdinfo_parse("xprog_id:\t9\nmy_link_id:\t3\n", &prog, &link);
	TAP_OK(prog == 0 && link == 0, "only keys at a line's start count");
}

static void owners(void)
{
	struct hb_owner o;
	struct hb_held h;

	TAP_OK(hb_owner_find(PROC, 41, 7, &o) == 0 && o.pid == 200 && !strcmp(o.comm, "tp-loader"),
	       "link 7's owner is the process holding the link, 200 tp-loader (%ld %s), not the "
	       "one holding only its program", o.pid, o.comm);
	TAP_OK(hb_owner_find(PROC, 57, 0, &o) == 0 && o.pid == 300 && !strcmp(o.comm, "lonely"),
	       "without a link, the program's holder: 300 lonely (%ld %s)", o.pid, o.comm);
	TAP_OK(hb_owner_find(PROC, 99, 98, &o) == -ENOENT && o.pid == 0, "nobody holds 99/98");
	TAP_OK(hb_owner_find(FIXTURES "/no-such-proc", 41, 7, &o) == -ENOENT, "no proc: not found");
	hb_owner_of(PROC, 300, &o);
	TAP_OK(o.pid == 300 && !strcmp(o.comm, "lonely"),
	       "a perf event's holder, by pid: 300 lonely (%ld %s)", o.pid, o.comm);
	hb_owner_of(PROC, 999, &o);
	TAP_OK(o.pid == 999 && !strcmp(o.comm, "?"), "one gone meanwhile: comm ? (%s)", o.comm);
	TAP_OK(hb_held_collect(PROC "/200/fdinfo", &h) == 0 && h.n == 2 && hb_held_has(&h, 41) &&
	       hb_held_has(&h, 7) && !hb_held_has(&h, 57), "process 200 holds prog 41 and link 7");
	hb_held_free(&h);
	TAP_OK(hb_held_collect(PROC "/100/fdinfo", &h) == 0 && h.n == 1 && hb_held_has(&h, 41),
	       "process 100 holds prog 41 only (fd 0 is a plain file)");
	hb_held_free(&h);
}

static void perf_fd(void)
{
	static const struct {
		uint32_t fd_type;
		const char *name;
		uint64_t offset, addr;
		int prog_type;
		const char *events, *attach;
		bool on_path;
	} cases[] = {
		{ BPF_FD_TYPE_TRACEPOINT, "sys_enter_unlinkat", 0, 0, BPF_PROG_TYPE_TRACEPOINT, NULL,
		  "tracepoint:syscalls:sys_enter_unlinkat", true },
		{ BPF_FD_TYPE_TRACEPOINT, "sys_exit_getppid", 0, 0, BPF_PROG_TYPE_TRACEPOINT, EVENTS,
		  "tracepoint:syscalls:sys_exit_getppid", true },
		{ BPF_FD_TYPE_TRACEPOINT, "sys_enter", 0, 0, BPF_PROG_TYPE_TRACEPOINT, NULL,
		  "tracepoint:raw_syscalls:sys_enter", true },
		{ BPF_FD_TYPE_TRACEPOINT, "sched_switch", 0, 0, BPF_PROG_TYPE_TRACEPOINT, EVENTS,
		  "tracepoint:sched:sched_switch", false },
		{ BPF_FD_TYPE_TRACEPOINT, "sched_switch", 0, 0, BPF_PROG_TYPE_TRACEPOINT, NULL,
		  "tracepoint:sched_switch", false },
		{ BPF_FD_TYPE_KPROBE, "do_unlinkat", 0, 0, BPF_PROG_TYPE_KPROBE, NULL,
		  "kprobe:do_unlinkat", true },
		{ BPF_FD_TYPE_KPROBE, "do_unlinkat", 4, 0, BPF_PROG_TYPE_KPROBE, NULL,
		  "kprobe:do_unlinkat+4", true },
		{ BPF_FD_TYPE_KRETPROBE, "__x64_sys_unlinkat", 0, 0, BPF_PROG_TYPE_KPROBE, NULL,
		  "kretprobe:__x64_sys_unlinkat", true },
		{ BPF_FD_TYPE_KPROBE, "vfs_read", 0, 0, BPF_PROG_TYPE_KPROBE, NULL, "kprobe:vfs_read",
		  false },
		{ BPF_FD_TYPE_KPROBE, "", 0, 0xffffffff81234560ULL, BPF_PROG_TYPE_KPROBE, NULL,
		  "kprobe:0xffffffff81234560", false },
		{ BPF_FD_TYPE_RAW_TRACEPOINT, "sys_enter", 0, 0, BPF_PROG_TYPE_RAW_TRACEPOINT, NULL,
		  "raw_tp:sys_enter", true },
		{ BPF_FD_TYPE_RAW_TRACEPOINT, "sys_exit", 0, 0, BPF_PROG_TYPE_TRACING, NULL,
		  "tp_btf:sys_exit", true },
		{ BPF_FD_TYPE_RAW_TRACEPOINT, "sched_switch", 0, 0, BPF_PROG_TYPE_RAW_TRACEPOINT, NULL,
		  "raw_tp:sched_switch", false },
		{ BPF_FD_TYPE_UPROBE, "/usr/bin/bash", 0x1234, 0, BPF_PROG_TYPE_KPROBE, NULL,
		  "uprobe:/usr/bin/bash+0x1234", false },
		{ BPF_FD_TYPE_URETPROBE, "/lib/libc.so.6", 0x40, 0, BPF_PROG_TYPE_KPROBE, NULL,
		  "uretprobe:/lib/libc.so.6+0x40", false },
	};
	struct hb_perf_fd q = { .fd_type = 99 };
	char attach[192];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&q, 0, sizeof(q));
		q.fd_type = cases[i].fd_type;
		snprintf(q.name, sizeof(q.name), "%s", cases[i].name);
		q.offset = cases[i].offset;
		q.addr = cases[i].addr;
		attach[0] = '\0';
		TAP_OK(hb_perf_fd_attach(&q, cases[i].prog_type, cases[i].events, attach,
					 sizeof(attach)) == 0 && !strcmp(attach, cases[i].attach),
		       "perf fd type %u '%s'+%llu: %s (%s)", cases[i].fd_type, cases[i].name,
		       (unsigned long long)cases[i].offset, cases[i].attach, attach);
		TAP_OK(hb_attach_on_syscall_path(attach) == cases[i].on_path, "%s is %son the syscall path",
		       cases[i].attach, cases[i].on_path ? "" : "not ");
		if (cases[i].on_path)
			TAP_OK(hb_foreign_on_measured_path(attach), "and where the run measures");
	}
	q.fd_type = 99;
	TAP_OK(hb_perf_fd_attach(&q, 0, NULL, attach, sizeof(attach)) == -EINVAL,
	       "an fd type it does not know: -EINVAL");
	hb_tracepoint_attach("sys_enter_unlinkat", FIXTURES "/no-such-dir", attach, sizeof(attach));
	TAP_OK(!strcmp(attach, "tracepoint:syscalls:sys_enter_unlinkat"),
	       "a syscall event's group needs no tracefs (%s)", attach);
}

static void measured_path(void)
{
	static const char *const yes[] = {
		"raw_tp:sys_enter", "tp_btf:sys_exit", "tracepoint:raw_syscalls:sys_enter",
		"tracepoint:syscalls:sys_enter_unlinkat", "tracepoint:syscalls:sys_exit_unlinkat",
		"tracepoint:syscalls:sys_enter_getppid", "kprobe:do_unlinkat", "kretprobe:do_unlinkat+4",
		"fentry:do_unlinkat", "fexit:__x64_sys_unlinkat", "kprobe:__x64_sys_getppid",
		"kprobe:x64_sys_call", "kprobe:do_syscall_64", "kprobe_multi:__x64_sys_read,+3 more",
		/* any syscall tracepoint: every task takes the slow path while one is on */
		"tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_exit_read",
		/* the syscalls of modes create and churn */
		"kprobe:__x64_sys_openat", "fentry:__se_sys_write", "kprobe:__x64_sys_close",
	};
	static const char *const no[] = {
		"kprobe_multi:__x64_sys_read", "kprobe:__x64_sys_mmap", "tracepoint:sched:sched_switch",
		"garbage",
	};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		TAP_OK(hb_foreign_on_measured_path(yes[i]), "%s is on the measured path", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		TAP_OK(!hb_foreign_on_measured_path(no[i]), "%s is not", no[i]);
}

static void rounds(void)
{
	struct hb_foreign f = { .warmup = 2, .visits = 12 };
	struct hb_foreign_prog p = { .mid_run = true, .first_check = 5, .last_check = 12 };
	uint64_t from, to;

	TAP_OK(hb_foreign_rounds(&f, &p, &from, &to) && from == 4 && to == 11,
	       "seen before rounds 5..12 (the end): rounds 4-11 (%llu-%llu)",
	       (unsigned long long)from, (unsigned long long)to);
	p.first_check = 0;
	p.last_check = 1;
	TAP_OK(!hb_foreign_rounds(&f, &p, &from, &to), "seen before rounds 0 and 1 only: warm-up only");
	p.last_check = 2;
	TAP_OK(hb_foreign_rounds(&f, &p, &from, &to) && from == 2 && to == 2,
	       "still there before round 2: the first measured round");
	p.mid_run = false;
	TAP_OK(!hb_foreign_rounds(&f, &p, &from, &to), "one there from the start spoils no round");
}

static void lock_text(void)
{
	char cmd[64];
	long pid;

	TAP_OK(hb_runlock_parse("1234\nhookbench run --hooks tracepoint\n", &pid, cmd, sizeof(cmd)) == 0 &&
	       pid == 1234 && !strcmp(cmd, "hookbench run --hooks tracepoint"), "PID and command line");
	TAP_OK(hb_runlock_parse("77\ntp-loader -- true", &pid, cmd, sizeof(cmd)) == 0 && pid == 77 &&
	       !strcmp(cmd, "tp-loader -- true"), "a command without its newline");
	TAP_OK(hb_runlock_parse("", &pid, cmd, sizeof(cmd)) == -EINVAL, "empty (not written yet)");
	TAP_OK(hb_runlock_parse("12x\nrun\n", &pid, cmd, sizeof(cmd)) == -EINVAL, "a bad PID");
	TAP_OK(hb_runlock_parse("0\nrun\n", &pid, cmd, sizeof(cmd)) == -EINVAL, "PID 0");
}

/* flock(2) locks an open file, so two opens in one process contend like two processes. */
static void lock_file(void)
{
	char path[] = "/tmp/hookbench-test-lock.XXXXXX";
	struct hb_runlock a, b;
	int fd = mkstemp(path);

	TAP_OK(fd >= 0, "a scratch lock file");
	if (fd < 0)
		return;
	close(fd);
	TAP_OK(hb_runlock_take(&a, path, "first --run") == 0 && a.fd >= 0, "the first one takes it");
	TAP_OK(hb_runlock_take(&b, path, "second") == -EBUSY && b.fd < 0 &&
	       b.holder_pid == (long)getpid() && !strcmp(b.holder_cmd, "first --run"),
	       "the second is refused and told who holds it (%ld %s)", b.holder_pid, b.holder_cmd);
	hb_runlock_release(&a);
	hb_runlock_release(&a);
	TAP_OK(hb_runlock_take(&b, path, "second") == 0, "once released (twice: harmless), it is free");
	hb_runlock_release(&b);
	unlink(path);
}

int main(void)
{
	fdinfo();
	owners();
	perf_fd();
	measured_path();
	rounds();
	lock_text();
	lock_file();
	return tap_done();
}
