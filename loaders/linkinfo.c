// SPDX-License-Identifier: GPL-2.0-only
#include "linkinfo.h"
#include "btf_info.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>

/* enum bpf_link_type / bpf_perf_event_type values from upstream uapi. */
#define UAPI_BPF_LINK_TYPE_PERF_EVENT 7
#define UAPI_BPF_PERF_EVENT_KPROBE 3
#define UAPI_BPF_PERF_EVENT_KRETPROBE 4

/* struct bpf_link_info as upstream lays it out, reduced to the perf_event arm. */
struct uapi_link_info {
	uint32_t type;
	uint32_t id;
	uint32_t prog_id;
	uint32_t pad0;
	union {
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
				uint8_t reserved[40];
			};
		} perf_event;
		uint8_t union_reserved[48];
	};
} __attribute__((aligned(8)));

_Static_assert(sizeof(struct uapi_link_info) == 64, "upstream bpf_link_info is 64 bytes");
_Static_assert(offsetof(struct uapi_link_info, perf_event.kprobe.missed) == 48,
	       "kprobe.missed must sit where upstream puts it");

bool hb_linkinfo_has_kprobe_missed(const struct btf *vmlinux)
{
	return vmlinux && hb_btf_has_member_path(vmlinux, "bpf_link_info",
						  "perf_event.kprobe.missed");
}

int hb_linkinfo_kprobe_missed(int link_fd, uint64_t *missed, char *func, size_t funclen)
{
	struct uapi_link_info info;
	char name[256] = "";
	uint32_t len = sizeof(info);
	uint32_t ptype;

	memset(&info, 0, sizeof(info));
	/* Older kernels reject non-zero bytes past their own struct size. */
	if (func) {
		info.perf_event.kprobe.func_name = (uint64_t)(uintptr_t)name;
		info.perf_event.kprobe.name_len = sizeof(name);
	}
	if (bpf_obj_get_info_by_fd(link_fd, &info, &len))
		return -errno;
	ptype = info.perf_event.type;
	if (info.type != UAPI_BPF_LINK_TYPE_PERF_EVENT ||
	    (ptype != UAPI_BPF_PERF_EVENT_KPROBE && ptype != UAPI_BPF_PERF_EVENT_KRETPROBE))
		return -EOPNOTSUPP;
	*missed = info.perf_event.kprobe.missed;
	if (func && funclen) {
		strncpy(func, name, funclen - 1);
		func[funclen - 1] = '\0';
	}
	return 0;
}
