/* SPDX-License-Identifier: GPL-2.0-only */
/* SIGINT/SIGTERM/SIGHUP ask the measurement to stop after the current block. */
#ifndef HB_STOP_H
#define HB_STOP_H

#include <stdatomic.h>
#include <stdbool.h>

extern _Atomic bool hb_stop_requested;
extern volatile int hb_stop_signal;

/*
 * Install the handlers. A second signal of the same kind is not caught
 * (SA_RESETHAND), so a second Ctrl-C ends the process at once; everything
 * attached is owned by file descriptors and goes with it.
 */
int hb_stop_install(void);

#endif
