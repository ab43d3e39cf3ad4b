// SPDX-License-Identifier: GPL-2.0-only
/* unlink-storm: the unlinkat() workload as a standalone program. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "report.h"
#include "runner.h"
#include "storm.h"
#include "version.h"

static _Atomic bool stop_flag;
static volatile sig_atomic_t stop_signal;

static void on_signal(int signo)
{
	if (!stop_signal)
		stop_signal = signo;
	atomic_store(&stop_flag, true);
}

static int install_signals(void)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (sigaction(signals[i], &sa, NULL))
			return -errno;
	return 0;
}

static const char *signal_name(int signo)
{
	switch (signo) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	default: return "signal";
	}
}

static void fail(const char *verb, int err)
{
	fprintf(stderr, "unlink-storm: failed to %s: %s\n", verb, strerror(-err));
}

int main(int argc, char **argv)
{
	static struct storm_opts o;
	static struct storm_scratch s = { .dirfd = -1 };
	static struct storm_run r;
	char prefix[64];
	char verb[4200];
	int ret = 0;
	int err;

	if (storm_opts_parse(argc, argv, &o))
		return 2;
	if (o.help) {
		storm_opts_usage(stdout);
		return 0;
	}
	if (o.version) {
		hb_print_version(stdout, "unlink-storm");
		return 0;
	}
	err = install_signals();
	if (err) {
		fail("install signal handlers", err);
		ret = 1;
		goto cleanup;
	}
	err = storm_scratch_create(&s, o.dir, o.threads);
	if (err) {
		snprintf(verb, sizeof(verb), "create scratch directory in %s", o.dir);
		fail(verb, err);
		ret = 1;
		goto cleanup;
	}
	r = (struct storm_run){
		.mode = o.mode,
		.iterations = o.iterations,
		.duration_s = o.duration_s,
		.cpus = o.cpus,
		.ncpus = o.ncpus,
		.scratch = &s,
		.stop = &stop_flag,
	};
	err = storm_run(&r);
	if (err) {
		fail(r.failed, err);
		ret = 1;
	} else if (stop_signal) {
		snprintf(prefix, sizeof(prefix), "interrupted by %s: ",
			 signal_name(stop_signal));
		storm_report_line(stderr, prefix, &o, &r);
		ret = 128 + stop_signal;
	} else if (o.json) {
		storm_report_json(stdout, &o, &r, &s);
	} else {
		storm_report_line(stdout, "", &o, &r);
	}
cleanup:
	err = storm_scratch_destroy(&s);
	if (err) {
		fprintf(stderr, "unlink-storm: warning: left %s in place: %s (something foreign is in it or it was moved)\n",
			s.path, strerror(-err));
		if (!ret)
			ret = 1;
	}
	return ret;
}
