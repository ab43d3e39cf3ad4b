// SPDX-License-Identifier: GPL-2.0-only
/* The tracepoint family: the syscall's own tracepoints, a stable ABI. */
#include "payload.bpf.h"

/* unlinkat's syscall number, for the raw syscall tracepoints. */
#if defined(__TARGET_ARCH_arm64)
#define HB_NR_UNLINKAT 35
#elif defined(__TARGET_ARCH_x86)
#define HB_NR_UNLINKAT 263
#else
#error "unlinkat's syscall number is not known for this architecture"
#endif

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int hb_tracepoint(struct trace_event_raw_sys_enter *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)ctx->args[1], HB_NAME_USER_STR);
}

SEC("tracepoint/syscalls/sys_exit_unlinkat")
int hb_tracepoint_exit(struct trace_event_raw_sys_exit *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload(NULL, HB_NAME_SYSCALL_REGS);
}

/* raw_syscalls:sys_enter fires for every syscall: keep only unlinkat. */
SEC("raw_tracepoint/sys_enter")
int hb_raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs;

	if (hb_payload_is_empty())
		return 0;
	if (ctx->args[1] != HB_NR_UNLINKAT)
		return 0;
	regs = (struct pt_regs *)ctx->args[0];
	return hb_run_payload((const void *)PT_REGS_PARM2_CORE_SYSCALL(regs), HB_NAME_USER_STR);
}

/* Written without BPF_PROG(), which would read the arguments before the empty check. */
SEC("tp_btf/sys_enter")
int hb_tp_btf(__u64 *ctx)
{
	struct pt_regs *regs;

	if (hb_payload_is_empty())
		return 0;
	if ((long)ctx[1] != HB_NR_UNLINKAT)
		return 0;
	regs = (struct pt_regs *)ctx[0];
	return hb_run_payload((const void *)PT_REGS_PARM2_CORE_SYSCALL(regs), HB_NAME_USER_STR);
}
