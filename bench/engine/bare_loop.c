// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "bare_loop.h"

#include <sys/syscall.h>
#include <unistd.h>

void hb_bare_unlinkat_loop(int dirfd, const char *name, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		syscall(SYS_unlinkat, dirfd, name, 0);
}
