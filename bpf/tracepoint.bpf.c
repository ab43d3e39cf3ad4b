// SPDX-License-Identifier: GPL-2.0-only
/* The tracepoint family: stable ABI attach points of the unlinkat syscall. */
#include "payload.bpf.h"

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int hb_tracepoint(struct trace_event_raw_sys_enter *ctx)
{
	return hb_run_payload((const void *)ctx->args[1], HB_NAME_USER_STR);
}
