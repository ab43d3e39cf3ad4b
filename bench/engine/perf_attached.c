// SPDX-License-Identifier: GPL-2.0-only
#include "perf_attached.h"

#include <bpf/bpf.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The group (tracefs events/GROUP/NAME) of the event name, "" when not found. */
static void tracepoint_group(const char *name, const char *events_dir, char *group, size_t len)
{
	char path[1024];
	struct dirent *e;
	DIR *d;

	group[0] = '\0';
	if (!strcmp(name, "sys_enter") || !strcmp(name, "sys_exit")) {
		snprintf(group, len, "raw_syscalls");
		return;
	}
	if (!strncmp(name, "sys_enter_", 10) || !strncmp(name, "sys_exit_", 9)) {
		snprintf(group, len, "syscalls");
		return;
	}
	d = events_dir ? opendir(events_dir) : NULL;
	if (!d)
		return;
	while (!group[0] && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", events_dir, e->d_name, name);
		if (!access(path, F_OK))
			snprintf(group, len, "%s", e->d_name);
	}
	closedir(d);
}

void hb_tracepoint_attach(const char *name, const char *events_dir, char *attach, size_t len)
{
	char group[256];

	tracepoint_group(name, events_dir, group, sizeof(group));
	if (group[0])
		snprintf(attach, len, "tracepoint:%s:%s", group, name);
	else
		snprintf(attach, len, "tracepoint:%s", name);
}

int hb_perf_fd_attach(const struct hb_perf_fd *q, int prog_type, const char *events_dir,
		      char *attach, size_t len)
{
	const char *kind;

	switch (q->fd_type) {
	case BPF_FD_TYPE_RAW_TRACEPOINT:
		snprintf(attach, len, "%s:%s", prog_type == BPF_PROG_TYPE_TRACING ? "tp_btf" : "raw_tp",
			 q->name);
		return 0;
	case BPF_FD_TYPE_TRACEPOINT:
		hb_tracepoint_attach(q->name, events_dir, attach, len);
		return 0;
	case BPF_FD_TYPE_KPROBE:
	case BPF_FD_TYPE_KRETPROBE:
		kind = q->fd_type == BPF_FD_TYPE_KPROBE ? "kprobe" : "kretprobe";
		/* Written as a link's: no +0, so one program seen both ways reads the same. */
		if (!q->name[0])
			snprintf(attach, len, "%s:0x%" PRIx64, kind, q->addr);
		else if (q->offset)
			snprintf(attach, len, "%s:%s+%" PRIu64, kind, q->name, q->offset);
		else
			snprintf(attach, len, "%s:%s", kind, q->name);
		return 0;
	case BPF_FD_TYPE_UPROBE:
	case BPF_FD_TYPE_URETPROBE:
		kind = q->fd_type == BPF_FD_TYPE_UPROBE ? "uprobe" : "uretprobe";
		snprintf(attach, len, "%s:%s+0x%" PRIx64, kind, q->name, q->offset);
		return 0;
	default:
		return -EINVAL;
	}
}

/* fn for each descriptor of process pid (its /proc name) that has a program. */
static int each_fd_of(const char *pid, int (*fn)(void *ctx, const struct hb_perf_fd *q), void *ctx)
{
	struct hb_perf_fd q = { .pid = strtol(pid, NULL, 10) };
	__u64 offset, addr;
	char dir[300];
	struct dirent *e;
	uint32_t len;
	int err = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%s/fd", pid);
	d = opendir(dir);
	if (!d)
		return 0; /* gone, or a kernel thread's */
	while (!err && (e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		q.fd = (int)strtol(e->d_name, NULL, 10);
		len = sizeof(q.name);
		q.name[0] = '\0';
		/* Any other descriptor answers ENOTSUPP or EBADF; ENOSPC still fills the rest. */
		if (bpf_task_fd_query((int)q.pid, q.fd, 0, q.name, &len, &q.prog_id, &q.fd_type,
				      &offset, &addr) && errno != ENOSPC)
			continue;
		q.offset = offset;
		q.addr = addr;
		if (q.prog_id)
			err = fn(ctx, &q);
	}
	closedir(d);
	return err;
}

int hb_perf_fds_each(int (*fn)(void *ctx, const struct hb_perf_fd *q), void *ctx)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int err = 0;

	if (!d)
		return -errno;
	while (!err && (e = readdir(d)))
		if (isdigit((unsigned char)e->d_name[0]))
			err = each_fd_of(e->d_name, fn, ctx);
	closedir(d);
	return err;
}
