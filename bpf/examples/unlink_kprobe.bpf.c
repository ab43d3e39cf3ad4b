// SPDX-License-Identifier: GPL-2.0-only
/*
 * An example of a user's own program for `hookbench run --object`: a kprobe
 * and a kretprobe on the function behind unlinkat that print the file name
 * and the result with bpf_printk (read them in /sys/kernel/tracing/trace_pipe).
 * do_unlinkat is the function's name up to Linux 6.x; on a kernel that
 * renamed it, attach both with --attach-symbol NAME (docs/object.md).
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* Print only this process's calls; 0 prints every process's (--set-pid target_tgid). */
const volatile __u32 target_tgid = 0;
/* Filter but print nothing (--set quiet=true): the cost of the hooks without bpf_printk. */
const volatile bool quiet = false;

static bool wanted(void)
{
	return !quiet && (!target_tgid || (__u32)(bpf_get_current_pid_tgid() >> 32) == target_tgid);
}

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(unlink_entry, int dfd, struct filename *name)
{
	const char *filename;

	if (!wanted())
		return 0;
	filename = BPF_CORE_READ(name, name);
	bpf_printk("unlinkat entry: pid %d, file %s", (int)(bpf_get_current_pid_tgid() >> 32),
		   filename);
	return 0;
}

SEC("kretprobe/do_unlinkat")
int BPF_KRETPROBE(unlink_exit, long ret)
{
	if (!wanted())
		return 0;
	bpf_printk("unlinkat exit: pid %d, ret %ld", (int)(bpf_get_current_pid_tgid() >> 32), ret);
	return 0;
}
