// SPDX-License-Identifier: GPL-2.0-only
#include "syscall_names.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>

/* The 32-bit ABI a 64-bit kernel of this build's architecture runs (0: none known). */
static uint32_t compat_arch(void)
{
	switch (seccomp_arch_native()) {
	case SCMP_ARCH_X86_64: return SCMP_ARCH_X86;
	case SCMP_ARCH_AARCH64: return SCMP_ARCH_ARM;
	default: return 0;
	}
}

void hb_syscall_name(int nr, bool compat, char *buf, size_t len)
{
	uint32_t arch = compat ? compat_arch() : seccomp_arch_native();
	char *name = arch ? seccomp_syscall_resolve_num_arch(arch, nr) : NULL;

	snprintf(buf, len, "%s", name ? name : "");
	free(name);
}
