/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BPF programs attached through a descriptor rather than found as a link:
 * a perf event given a program with PERF_EVENT_IOC_SET_BPF (bpftrace, bcc,
 * many agents), as `bpftool perf` finds them. BPF_TASK_FD_QUERY on each
 * descriptor of each process says which program runs there and where.
 */
#ifndef HB_PERF_ATTACHED_H
#define HB_PERF_ATTACHED_H

#include <stddef.h>
#include <stdint.h>

/* What BPF_TASK_FD_QUERY says of one descriptor. */
struct hb_perf_fd {
	long pid;
	int fd;
	uint32_t prog_id;
	uint32_t fd_type; /* BPF_FD_TYPE_*: tracepoint, raw_tracepoint, kprobe, uprobe, ... */
	char name[256];   /* the tracepoint's or function's name, or the uprobe's file */
	uint64_t offset;  /* into the function or file */
	uint64_t addr;    /* a kprobe's address when it has no name */
};

/*
 * Call fn for each descriptor of each process under /proc that has a BPF
 * program attached; stops at fn's first non-zero and returns it. A process
 * or descriptor gone meanwhile is skipped. Returns 0, fn's value, or -errno
 * when /proc cannot be read.
 */
int hb_perf_fds_each(int (*fn)(void *ctx, const struct hb_perf_fd *q), void *ctx);

/*
 * q's attach point in hb_attached_prog.attach's format: raw_tp:NAME (tp_btf
 * for a BPF_PROG_TYPE_TRACING prog_type), tracepoint:GROUP:NAME,
 * kprobe:FN[+OFF], kretprobe:FN[+OFF], kprobe:0xADDR, uprobe:FILE+0xOFF,
 * uretprobe:FILE+0xOFF. A tracepoint's group is looked up in events_dir
 * (tracefs' events; NULL: none), syscall events without it.
 * Returns 0, or -EINVAL for an fd_type it does not know.
 */
int hb_perf_fd_attach(const struct hb_perf_fd *q, int prog_type, const char *events_dir,
		      char *attach, size_t len);

/* tracepoint:GROUP:NAME for an event the kernel names without its group; tracepoint:NAME when not found. */
void hb_tracepoint_attach(const char *name, const char *events_dir, char *attach, size_t len);

#endif
