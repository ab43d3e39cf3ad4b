/* SPDX-License-Identifier: GPL-2.0-only */
/* SIGINT/SIGTERM/SIGHUP ask the measurement to stop after the current block. */
#ifndef HB_STOP_H
#define HB_STOP_H

#include <stdatomic.h>
#include <stdbool.h>

#include "sysctl_guard.h"

extern _Atomic bool hb_stop_requested;
extern volatile int hb_stop_signal;

/*
 * Install the handlers. The first stop signal sets hb_stop_requested; a
 * second one, or a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT), puts
 * back every registered sysctl and then ends the process with that signal.
 * Everything attached is owned by file descriptors and goes with it.
 */
int hb_stop_install(void);

/* Restore g from the handlers too (at most 4 guards). */
void hb_stop_guard(struct hb_sysctl_guard *g);

/* No longer: g is about to be freed. */
void hb_stop_unguard(struct hb_sysctl_guard *g);

#endif
