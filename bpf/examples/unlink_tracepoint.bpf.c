// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tracepoint twin of unlink_kprobe.bpf.c: the same print on the stable
 * syscalls:sys_enter_unlinkat tracepoint, which needs no kprobes and no
 * function name.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* Print only this process's calls; 0 prints every process's (--set-pid target_tgid). */
const volatile __u32 target_tgid = 0;
/* Filter but print nothing (--set quiet=true): the cost of the hook without bpf_printk. */
const volatile bool quiet = false;

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int unlink_enter(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	char filename[64];

	if ((target_tgid && tgid != target_tgid) || quiet)
		return 0;
	if (bpf_probe_read_user_str(filename, sizeof(filename), (const char *)ctx->args[1]) < 0)
		filename[0] = '\0';
	bpf_printk("unlinkat entry: pid %d, file %s", (int)tgid, filename);
	return 0;
}
