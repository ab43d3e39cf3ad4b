// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fentry family: BPF trampolines on the kernel function behind unlinkat,
 * set with bpf_program__set_attach_target() before load. Written without
 * BPF_PROG(), which would read the arguments before the empty check.
 */
#include "payload.bpf.h"

/* do_unlinkat(int dfd, struct filename *name): name is the second argument. */
SEC("fentry")
int hb_fentry(__u64 *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)ctx[1], HB_NAME_KERNEL_FILENAME);
}

/* By the time it returns, the function may have freed name (putname()). */
SEC("fexit")
int hb_fexit(__u64 *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}
