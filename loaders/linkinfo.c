// SPDX-License-Identifier: GPL-2.0-only
#include "linkinfo.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "btf_info.h"
#include "kinds/kind.h"
#include "link_info_layout.h"

bool hb_linkinfo_reports_missed(const struct btf *vmlinux, const struct hb_hook *hook,
				const char **why)
{
	const char *path = hook->ops->missed_field, *reason = NULL;
	bool yes = false;

	if (!path)
		reason = "not applicable: only kprobe links report missed (see recursion_misses)";
	else if (!vmlinux)
		reason = "unknown: the kernel's BTF could not be read";
	else if (!(yes = hb_btf_has_member_path(vmlinux, "bpf_link_info", path)))
		reason = "this kernel's link info has no missed count for it (added in Linux 6.7)";
	if (why)
		*why = reason;
	return yes;
}

int hb_linkinfo_missed(int link_fd, uint64_t *missed)
{
	struct uapi_link_info info;
	uint32_t len = sizeof(info);
	uint32_t ptype;

	/* All zero: older kernels reject non-zero bytes past their own struct size. */
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(link_fd, &info, &len))
		return -errno;
	if (info.type == UAPI_BPF_LINK_TYPE_KPROBE_MULTI) {
		*missed = info.kprobe_multi.missed;
		return 0;
	}
	ptype = info.perf_event.type;
	if (info.type != UAPI_BPF_LINK_TYPE_PERF_EVENT ||
	    (ptype != UAPI_BPF_PERF_EVENT_KPROBE && ptype != UAPI_BPF_PERF_EVENT_KRETPROBE))
		return -EOPNOTSUPP;
	*missed = info.perf_event.kprobe.missed;
	return 0;
}
