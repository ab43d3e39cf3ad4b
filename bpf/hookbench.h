/* SPDX-License-Identifier: GPL-2.0-only */
/* Types shared by the BPF programs and user space. */
#ifndef HOOKBENCH_H
#define HOOKBENCH_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define HB_NAME_MAX 256

/* The deny payload refuses names that start with this, and only them. */
#define HB_DENY_PREFIX "hookbench-deny-"

/* What a program does each time it fires. The order is the CLI order. */
enum hb_payload {
	HB_PAYLOAD_EMPTY = 0,   /* return at once: the pure dispatch cost */
	HB_PAYLOAD_COUNT = 1,   /* bump a per-CPU counter */
	HB_PAYLOAD_CAPTURE = 2, /* also read pid and the filename through CO-RE */
	HB_PAYLOAD_RINGBUF = 3, /* capture, then submit the record to a ring buffer */
	HB_PAYLOAD_PRINTK = 4,  /* capture, then bpf_printk() it */
	HB_PAYLOAD_DENY = 5,    /* capture, then return -EPERM for a name with HB_DENY_PREFIX */
	HB_PAYLOAD_MAX,
};

/* Per-CPU counters, the keys of the hb_counters map. */
enum hb_counter {
	HB_CTR_EVENTS = 0,     /* events of the target process */
	HB_CTR_CAPTURE_ERRORS, /* filename reads that failed */
	HB_CTR_RINGBUF_DROPS,  /* records the ring buffer had no room for */
	HB_CTR_REFUSED,        /* deny: marked names the program returned -EPERM for */
	HB_CTR_MAX,
};

/* Set in .rodata before load, so the verifier prunes what is not used. */
struct hb_config {
	__u32 tgid;      /* only count this process; 0 counts every process */
	__u32 payload;   /* enum hb_payload */
	__u32 call_comm; /* also call bpf_get_current_comm() (the reentry experiment) */
	__u32 pad;
};

struct hb_event {
	__u32 pid;
	__u32 tgid;
	__s32 name_len; /* bytes read including the NUL, or a negative errno */
	__u32 pad;
	char name[HB_NAME_MAX];
};

#endif
