/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BPF programs someone else attached to the syscall path: they run inside
 * every measured syscall and add to every figure. Found from the kernel's
 * BPF links and from the perf events processes hold (PERF_EVENT_IOC_SET_BPF
 * without a link, as bpftrace attaches; perf_attached.h). A program attached
 * at one place both ways is listed once. Not seen: a cgroup or network
 * program attached without a link, which never runs on this path anyway.
 */
#ifndef HB_ATTACHED_H
#define HB_ATTACHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hb_attached_prog {
	uint32_t id;      /* the program's id */
	uint32_t link_id; /* the link's; 0: attached through a perf event without a link */
	long perf_pid;    /* then the process holding the perf event, */
	int perf_fd;      /* and its descriptor there */
	char type[32];    /* libbpf's name of its type: tracepoint, raw_tracepoint, ... */
	char name[16];    /* its name (BPF_OBJ_NAME_LEN) */
	char attach[192]; /* raw_tp:sys_enter, tracepoint:syscalls:sys_enter_unlinkat, ... */
};

struct hb_attached {
	struct hb_attached_prog *progs;
	size_t n;
};

/*
 * Every program, attached through a BPF link or through a perf event
 * without one, that runs on the syscall path: raw tracepoints (and
 * tp_btf) on sys_enter/sys_exit, perf-event tracepoints in syscalls and
 * raw_syscalls, and kprobes, kprobe_multi and fentry/fexit on syscall entry
 * functions, their dispatcher or the unlinkat implementation.
 * Returns 0, or -errno with an empty list.
 */
int hb_attached_collect(struct hb_attached *a);

/*
 * Every attachment, on the syscall path or not (hookbench census): attach
 * is the link's type when nothing more is known (cgroup, xdp, ...).
 */
int hb_attached_collect_all(struct hb_attached *a);

void hb_attached_free(struct hb_attached *a);

/* Does a program attached at attach (hb_attached_prog.attach) run on the syscall path? */
bool hb_attach_on_syscall_path(const char *attach);

#endif
