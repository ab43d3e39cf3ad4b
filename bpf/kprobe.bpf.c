// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kprobe family. The kernel function behind unlinkat is resolved at run
 * time (do_unlinkat today, renamed on newer kernels), so SEC() names no target.
 */
#include "payload.bpf.h"

SEC("kprobe")
int BPF_KPROBE(hb_kprobe, int dfd, struct filename *name)
{
	return hb_run_payload(name, HB_NAME_KERNEL_FILENAME);
}

/*
 * The same function, a few instructions in: past the ftrace call site, so the
 * kernel uses int3 or a jump there. The offset is found at run time; the
 * argument registers may be reused by then, so the name comes from the
 * syscall's saved registers.
 */
SEC("kprobe")
int BPF_KPROBE(hb_kprobe_offset)
{
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}

SEC("kretprobe")
int BPF_KRETPROBE(hb_kretprobe, long ret)
{
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}

SEC("kprobe.multi")
int BPF_KPROBE(hb_kprobe_multi, int dfd, struct filename *name)
{
	return hb_run_payload(name, HB_NAME_KERNEL_FILENAME);
}
