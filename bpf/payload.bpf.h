/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The payload every hook runs. A hook program only finds the filename
 * argument and calls hb_run_payload(); everything else lives here, so the
 * programs differ only in SEC() and how they reach their arguments.
 */
#ifndef HB_PAYLOAD_BPF_H
#define HB_PAYLOAD_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hookbench.h"

/* GPL, as the SPDX line says; bpf_printk() and bpf_probe_read_*_str() are GPL-only helpers. */
char LICENSE[] SEC("license") = "GPL";

const volatile struct hb_config hb_cfg = {};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, HB_CTR_MAX);
	__type(key, __u32);
	__type(value, __u64);
} hb_counters SEC(".maps");

/* The last event captured on each CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hb_event);
} hb_last SEC(".maps");

/* For the ringbuf payload; user space may resize it before load. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1024 * 1024);
} hb_events SEC(".maps");

/* How a hook hands over the filename. */
enum hb_name_src {
	HB_NAME_USER_STR,        /* const char __user * (syscall argument) */
	HB_NAME_KERNEL_FILENAME, /* struct filename * (after getname()) */
	HB_NAME_SYSCALL_REGS,    /* none at hand: read the syscall's saved user registers */
	HB_NAME_DENTRY,          /* struct dentry * being removed: its last component */
};

/* EPERM, which vmlinux.h does not carry. */
#define HB_EPERM 1

static __always_inline void hb_counter_add(__u32 key)
{
	__u64 *val = bpf_map_lookup_elem(&hb_counters, &key);

	if (val)
		*val += 1;
}

static __always_inline struct hb_event *hb_capture(const void *name, enum hb_name_src src,
						    __u64 pid_tgid)
{
	__u32 zero = 0;
	struct hb_event *ev = bpf_map_lookup_elem(&hb_last, &zero);

	if (!ev)
		return NULL;
	ev->pid = (__u32)pid_tgid;
	ev->tgid = pid_tgid >> 32;
	if (src == HB_NAME_KERNEL_FILENAME) {
		const char *kname = BPF_CORE_READ((struct filename *)name, name);

		ev->name_len = bpf_probe_read_kernel_str(ev->name, sizeof(ev->name), kname);
	} else if (src == HB_NAME_DENTRY) {
		const unsigned char *dname = BPF_CORE_READ((struct dentry *)name, d_name.name);

		ev->name_len = bpf_probe_read_kernel_str(ev->name, sizeof(ev->name), dname);
	} else {
		if (src == HB_NAME_SYSCALL_REGS) {
			/* Exit hooks: unlinkat(dfd, pathname, flags) left pathname in its registers. */
			struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());

			name = (const void *)PT_REGS_PARM2_CORE_SYSCALL(regs);
		}
		ev->name_len = bpf_probe_read_user_str(ev->name, sizeof(ev->name), name);
	}
	if (ev->name_len < 0)
		hb_counter_add(HB_CTR_CAPTURE_ERRORS);
	return ev;
}

/*
 * Every program starts with this and returns when it is true, before it reads
 * its context or filters anything: the empty payload is the hook's dispatch
 * alone. On the raw syscall tracepoints that means it runs, unfiltered, on
 * every syscall of every process.
 */
static __always_inline bool hb_payload_is_empty(void)
{
	return hb_cfg.payload == HB_PAYLOAD_EMPTY;
}

/* deny: does the captured name start with HB_DENY_PREFIX? */
static __always_inline bool hb_name_is_marked(const struct hb_event *ev)
{
	const char prefix[] = HB_DENY_PREFIX;

	if (ev->name_len < (int)sizeof(prefix))
		return false;
#pragma unroll
	for (int i = 0; i < (int)sizeof(prefix) - 1; i++)
		if (ev->name[i] != prefix[i])
			return false;
	return true;
}

/*
 * What every payload but empty does. Returns what the program returns: 0,
 * or -EPERM from deny for a marked name (hooks whose return value is a
 * verdict, LSM and fmod_ret, then refuse the call; the verifier refuses
 * deny on kinds that must return 0). Callers have checked hb_payload_is_empty().
 */
static __always_inline int hb_run_payload(const void *name, enum hb_name_src src)
{
	struct hb_event *ev;
	__u64 pid_tgid;

	pid_tgid = bpf_get_current_pid_tgid();
	if (hb_cfg.tgid && (pid_tgid >> 32) != hb_cfg.tgid)
		return 0;
	hb_counter_add(HB_CTR_EVENTS);
	if (hb_cfg.call_comm) {
		char comm[16];

		bpf_get_current_comm(comm, sizeof(comm));
	}
	if (hb_cfg.payload == HB_PAYLOAD_COUNT)
		return 0;
	ev = hb_capture(name, src, pid_tgid);
	if (!ev)
		return 0;
	if (hb_cfg.payload == HB_PAYLOAD_RINGBUF) {
		if (bpf_ringbuf_output(&hb_events, ev, sizeof(*ev), 0))
			hb_counter_add(HB_CTR_RINGBUF_DROPS);
	} else if (hb_cfg.payload == HB_PAYLOAD_PRINTK) {
		bpf_printk("hookbench pid=%u filename=%s", ev->pid, ev->name);
	} else if (hb_cfg.payload == HB_PAYLOAD_DENY && hb_name_is_marked(ev)) {
		hb_counter_add(HB_CTR_REFUSED);
		return -HB_EPERM;
	}
	return 0;
}

#endif
