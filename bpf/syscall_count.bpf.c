// SPDX-License-Identifier: GPL-2.0-only
/* hookbench mix: every syscall the machine makes, counted by number and ABI. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "syscall_count.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * The counting process, whose own few calls are left out: its tgid as seen
 * in its own pid namespace (dev and ino of /proc/self/ns/pid), so that it
 * is found inside a container too.
 */
const volatile __u32 hb_self_tgid;
const volatile __u64 hb_self_ns_dev;
const volatile __u64 hb_self_ns_ino;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HB_MIX_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} hb_syscall_counts SEC(".maps");

/* x86's TS_COMPAT (asm/thread_info.h; a #define, so not in BTF). */
#define HB_TS_COMPAT 0x0002

/*
 * A 32-bit task's call reaches sys_enter with its own ABI's number (ia32's 10
 * is unlink, x86_64's is mprotect), so it is counted apart. Only x86 is told
 * apart; elsewhere every call counts under the native table.
 */
static __always_inline bool in_compat_syscall(void)
{
#if defined(__TARGET_ARCH_x86)
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();

	if (bpf_core_field_exists(t->thread_info.status))
		return BPF_CORE_READ(t, thread_info.status) & HB_TS_COMPAT;
#endif
	return false;
}

SEC("raw_tracepoint/sys_enter")
int hb_count_syscall(struct bpf_raw_tracepoint_args *ctx)
{
	long nr = (long)ctx->args[1];
	__u32 slot;
	__u64 *n;

	struct bpf_pidns_info ns;

	if (!bpf_get_ns_current_pid_tgid(hb_self_ns_dev, hb_self_ns_ino, &ns, sizeof(ns)) &&
	    ns.tgid == hb_self_tgid)
		return 0;
	if (nr < 0 || nr >= HB_MIX_NR_MAX)
		slot = HB_MIX_SLOT_OUTSIDE;
	else
		slot = (__u32)nr + (in_compat_syscall() ? HB_MIX_SLOT_COMPAT : 0);
	n = bpf_map_lookup_elem(&hb_syscall_counts, &slot);
	if (n)
		*n += 1;
	return 0;
}
