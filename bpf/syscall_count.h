/* SPDX-License-Identifier: GPL-2.0-only */
/* The slots of hookbench mix's syscall counter, shared by syscall_count.bpf.c and user space. */
#ifndef HB_SYSCALL_COUNT_H
#define HB_SYSCALL_COUNT_H

/* Syscall numbers 0..HB_MIX_NR_MAX-1 of each ABI; today's tables end below 512. */
#define HB_MIX_NR_MAX 1024
/* Native calls at slot nr, 32-bit (compat) calls at HB_MIX_SLOT_COMPAT + nr. */
#define HB_MIX_SLOT_COMPAT HB_MIX_NR_MAX
/* One slot for any other number: an x32 call (bit 30 set) or -1. */
#define HB_MIX_SLOT_OUTSIDE (2 * HB_MIX_NR_MAX)
#define HB_MIX_SLOTS (2 * HB_MIX_NR_MAX + 1)

#endif
