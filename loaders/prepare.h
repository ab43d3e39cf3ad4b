/* SPDX-License-Identifier: GPL-2.0-only */
/* What every tool checks before it opens a hook. */
#ifndef HB_PREPARE_H
#define HB_PREPARE_H

#include <stdbool.h>
#include <stddef.h>

/* Exit status of a tool whose hook this kernel cannot run (meson's "skipped"). */
#define HB_EXIT_UNSUPPORTED 77

/*
 * Privileges, then BTF (btf_path NULL → /sys/kernel/btf/vmlinux), then
 * tracefs (mounted privately when missing, best effort). Call before
 * starting threads.
 * Returns 0 or -errno with why set to one line naming what is missing.
 */
int hb_prepare(const char *btf_path, char *why, size_t len);

/* libbpf's own messages go to stderr only when verbose. */
void hb_libbpf_verbose(bool verbose);

#endif
