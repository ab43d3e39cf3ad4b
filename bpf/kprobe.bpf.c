// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kprobe family. The kernel function behind unlinkat is resolved at run
 * time (do_unlinkat today, renamed on newer kernels), so SEC() names no target.
 * Written without BPF_KPROBE(), which would read the arguments before the
 * empty check.
 */
#include "payload.bpf.h"

/* do_unlinkat(int dfd, struct filename *name) */
SEC("kprobe")
int hb_kprobe(struct pt_regs *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)PT_REGS_PARM2(ctx), HB_NAME_KERNEL_FILENAME);
}

/*
 * The same function, a few instructions in: past the ftrace call site, so the
 * kernel uses int3 or a jump there. The offset is found at run time; the
 * argument registers may be reused by then, so the name comes from the
 * syscall's saved registers.
 */
SEC("kprobe")
int hb_kprobe_offset(struct pt_regs *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}

SEC("kretprobe")
int hb_kretprobe(struct pt_regs *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}

SEC("kprobe.multi")
int hb_kprobe_multi(struct pt_regs *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)PT_REGS_PARM2(ctx), HB_NAME_KERNEL_FILENAME);
}
