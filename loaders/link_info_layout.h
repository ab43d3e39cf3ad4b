/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct bpf_link_info as upstream lays it out, reduced to the arms hookbench
 * reads. Debian 12's uapi headers (6.1) lack the newer fields (kprobe
 * missed, perf_event names), so they are read with this layout; a kernel
 * that does not know a field leaves it zero.
 */
#ifndef HB_LINK_INFO_LAYOUT_H
#define HB_LINK_INFO_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* enum bpf_link_type, enum bpf_perf_event_type and flag values from upstream uapi. */
#define UAPI_BPF_LINK_TYPE_PERF_EVENT 7
#define UAPI_BPF_LINK_TYPE_KPROBE_MULTI 8
#define UAPI_BPF_PERF_EVENT_KPROBE 3
#define UAPI_BPF_PERF_EVENT_KRETPROBE 4
#define UAPI_BPF_PERF_EVENT_TRACEPOINT 5
#define UAPI_BPF_F_KPROBE_MULTI_RETURN 1U

struct uapi_link_info {
	uint32_t type;
	uint32_t id;
	uint32_t prog_id;
	uint32_t pad0;
	union {
		struct {
			uint64_t tp_name;
			uint32_t tp_name_len;
		} raw_tracepoint;
		struct {
			uint32_t attach_type;
			uint32_t target_obj_id;
			uint32_t target_btf_id;
		} tracing;
		struct {
			uint64_t addrs;
			uint32_t count;
			uint32_t flags;
			uint64_t missed;
			uint64_t cookies;
		} kprobe_multi;
		struct {
			uint32_t type;
			uint32_t pad1;
			union {
				struct {
					uint64_t func_name;
					uint32_t name_len;
					uint32_t offset;
					uint64_t addr;
					uint64_t missed;
					uint64_t cookie;
				} kprobe;
				struct {
					uint64_t tp_name;
					uint32_t name_len;
				} tracepoint;
				uint8_t reserved[40];
			};
		} perf_event;
		uint8_t union_reserved[48];
	};
} __attribute__((aligned(8)));

_Static_assert(sizeof(struct uapi_link_info) == 64, "upstream bpf_link_info is 64 bytes");
_Static_assert(offsetof(struct uapi_link_info, kprobe_multi.flags) == 28, "upstream kprobe_multi");
_Static_assert(offsetof(struct uapi_link_info, kprobe_multi.missed) == 32,
	       "kprobe_multi.missed must sit where upstream puts it");
_Static_assert(offsetof(struct uapi_link_info, perf_event.kprobe.addr) == 40,
	       "upstream perf_event.kprobe");
_Static_assert(offsetof(struct uapi_link_info, perf_event.kprobe.missed) == 48,
	       "kprobe.missed must sit where upstream puts it");
_Static_assert(offsetof(struct uapi_link_info, perf_event.tracepoint.name_len) == 32,
	       "upstream perf_event.tracepoint");

#endif
