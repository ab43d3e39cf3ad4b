// SPDX-License-Identifier: GPL-2.0-only
#include "prepare.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "btf_info.h"
#include "privileges.h"
#include "tracefs.h"

int hb_prepare(const char *btf_path, char *why, size_t len)
{
	char how[256];
	int err;

	err = hb_check_privileges(why, len);
	if (err)
		return err;
	if (!hb_btf_available(btf_path)) {
		err = -errno;
		if (err == -EINVAL) {
			snprintf(why, len, "not a regular file: %s", hb_btf_path(btf_path));
			return err;
		}
		snprintf(why, len, "missing BTF: %s: %s (the kernel needs CONFIG_DEBUG_INFO_BTF=y)",
			 hb_btf_path(btf_path), strerror(-err));
		return err;
	}
	/* Best effort: without tracefs the tracepoint probes say why. */
	hb_tracefs_ensure(how, sizeof(how));
	return 0;
}

static int print_verbose(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	return vfprintf(stderr, fmt, ap);
}

static int print_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

void hb_libbpf_verbose(bool verbose)
{
	libbpf_set_print(verbose ? print_verbose : print_quiet);
}
