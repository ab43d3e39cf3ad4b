/* SPDX-License-Identifier: GPL-2.0-only */
/* Syscall names by number, from libseccomp's tables (not a table of ours). */
#ifndef HB_SYSCALL_NAMES_H
#define HB_SYSCALL_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The name of syscall nr of this machine's ABI, or of its 32-bit ABI when
 * compat (x86_64's ia32). "" when libseccomp does not know the number (a
 * syscall newer than its tables).
 */
void hb_syscall_name(int nr, bool compat, char *buf, size_t len);

#endif
