/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HB_PRIVILEGES_H
#define HB_PRIVILEGES_H

#include <stddef.h>

/*
 * Loading and attaching tracing programs needs CAP_SYS_ADMIN, or CAP_BPF
 * together with CAP_PERFMON. Returns 0, or -EPERM with why naming what is
 * missing.
 */
int hb_check_privileges(char *why, size_t len);

#endif
