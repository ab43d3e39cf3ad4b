/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kprobe "missed" count from BPF link info. Debian 12's uapi headers
 * (6.1) predate it, so the layout is the upstream one, and whether the
 * running kernel fills it is asked of its BTF.
 */
#ifndef HB_LINKINFO_H
#define HB_LINKINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct btf;

/* Does this kernel report kprobe missed counts in perf-event link info (6.7+)? */
bool hb_linkinfo_has_kprobe_missed(const struct btf *vmlinux);

/*
 * Read the kprobe/kretprobe missed count of a perf-event link.
 * Returns 0, -EOPNOTSUPP when the link is not a kprobe perf-event link,
 * or -errno from the kernel. func (may be NULL) receives the probed symbol.
 */
int hb_linkinfo_kprobe_missed(int link_fd, uint64_t *missed, char *func, size_t funclen);

#endif
