/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HB_BARE_LOOP_H
#define HB_BARE_LOOP_H

#include <stdint.h>

/* The reference the workload is held to: n raw unlinkat syscalls, nothing else. */
void hb_bare_unlinkat_loop(int dirfd, const char *name, uint64_t n);

#endif
