/* SPDX-License-Identifier: GPL-2.0-only */
/* Running another program to its end (gnuplot, hyperfine, a loader). */
#ifndef HB_SUBPROCESS_H
#define HB_SUBPROCESS_H

#include <stdatomic.h>
#include <stdbool.h>

#define HB_SPAWN_INHERIT (-1) /* the stream is shared with us */
#define HB_SPAWN_NULL (-2)    /* /dev/null */

struct hb_spawn_io {
	int out; /* the child's stdout: a descriptor, HB_SPAWN_INHERIT or HB_SPAWN_NULL */
	int err; /* its stderr, the same way */
	/*
	 * Optional. Set from a signal handler installed without SA_RESTART: once
	 * true while waiting, the child gets SIGTERM and is still waited for.
	 */
	const _Atomic bool *stop;
};

/*
 * Run argv[0] (searched in PATH) and wait for it. Returns 0 with its wait
 * status in *status, -ENOENT when there is no such program, -EINTR when
 * *io->stop became true (the child is reaped), or another -errno.
 */
int hb_spawn_wait(char *const argv[], const struct hb_spawn_io *io, int *status);

/* True when a wait status says the program exited with 0. */
bool hb_exited_ok(int status);

#endif
