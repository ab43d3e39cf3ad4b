// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fentry family: BPF trampolines on the kernel function behind unlinkat,
 * set with bpf_program__set_attach_target() before load.
 */
#include "payload.bpf.h"

SEC("fentry")
int BPF_PROG(hb_fentry, int dfd, struct filename *name)
{
	return hb_run_payload(name, HB_NAME_KERNEL_FILENAME);
}

/* By the time it returns, the function may have freed name (putname()). */
SEC("fexit")
int BPF_PROG(hb_fexit, int dfd, struct filename *name, long ret)
{
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}
