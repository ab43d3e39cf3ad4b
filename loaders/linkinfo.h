/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Missed-event counts from BPF link info. Debian 12's uapi headers (6.1)
 * predate them, so the layout is the upstream one, and whether the running
 * kernel fills them is asked of its BTF.
 */
#ifndef HB_LINKINFO_H
#define HB_LINKINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hooks.h"

struct btf;

/*
 * Does this kernel report a missed count in the link info of hook's links?
 * Only the kinds that name a missed_field have one (perf-event kprobes and
 * kprobe_multi, Linux 6.7+), and only where this kernel's bpf_link_info has
 * that field. why (may be NULL) says why not.
 */
bool hb_linkinfo_reports_missed(const struct btf *vmlinux, const struct hb_hook *hook,
				const char **why);

/*
 * Read the missed count of a kprobe, kretprobe or kprobe_multi link.
 * Returns 0, -EOPNOTSUPP for another kind of link, or -errno.
 */
int hb_linkinfo_missed(int link_fd, uint64_t *missed);

#endif
