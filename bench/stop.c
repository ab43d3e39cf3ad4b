// SPDX-License-Identifier: GPL-2.0-only
#include "stop.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

_Atomic bool hb_stop_requested;
volatile int hb_stop_signal;

static void on_signal(int sig)
{
	hb_stop_signal = sig;
	atomic_store(&hb_stop_requested, true);
}

int hb_stop_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL))
			return -errno;
	return 0;
}
