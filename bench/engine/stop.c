// SPDX-License-Identifier: GPL-2.0-only
#include "stop.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

_Atomic bool hb_stop_requested;
volatile int hb_stop_signal;

static struct hb_sysctl_guard *guards[4];
static volatile sig_atomic_t nguards;

static void restore_and_die(int sig)
{
	for (sig_atomic_t i = 0; i < nguards; i++)
		hb_sysctl_guard_restore(guards[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_stop(int sig)
{
	if (atomic_load(&hb_stop_requested))
		restore_and_die(sig);
	hb_stop_signal = sig;
	atomic_store(&hb_stop_requested, true);
}

static int install(const int *sigs, size_t n, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < n; i++)
		if (sigaction(sigs[i], &sa, NULL))
			return -errno;
	return 0;
}

int hb_stop_install(void)
{
	static const int stops[] = { SIGINT, SIGTERM, SIGHUP };
	static const int crashes[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	int err;

	err = install(stops, sizeof(stops) / sizeof(stops[0]), on_stop, 0);
	if (!err)
		err = install(crashes, sizeof(crashes) / sizeof(crashes[0]), restore_and_die,
			      SA_RESETHAND);
	return err;
}

void hb_stop_guard(struct hb_sysctl_guard *g)
{
	if (nguards < (sig_atomic_t)(sizeof(guards) / sizeof(guards[0]))) {
		guards[nguards] = g;
		nguards = nguards + 1;
	}
}

void hb_stop_unguard(struct hb_sysctl_guard *g)
{
	for (sig_atomic_t i = 0; i < nguards; i++)
		if (guards[i] == g) {
			guards[i] = guards[nguards - 1];
			nguards = nguards - 1;
			return;
		}
}
