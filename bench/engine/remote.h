/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * other_remote's second process: forked before any BPF object is loaded,
 * pinned to a CPU other than the measured one, it runs blocks of the
 * getppid() loop when asked and answers with its own CPU and wall time.
 * A syscall tracepoint flags every task, not only the loader's: this is
 * what a hook costs a process that never touched BPF.
 */
#ifndef HB_REMOTE_H
#define HB_REMOTE_H

#include <stdint.h>
#include <sys/types.h>

#include "workers.h"

struct hb_remote {
	pid_t pid;  /* 0: not started */
	int fd;     /* our end of a socketpair: (preroll, ops) out, struct hb_job_result in */
	unsigned cpu;
};

/*
 * Fork the process, pinned to cpu. It dies with us (PR_SET_PDEATHSIG),
 * ignores the stop signals (we finish the block and close its pipe) and
 * exits when its socket closes. 0 or -errno.
 */
int hb_remote_start(struct hb_remote *r, unsigned cpu);

/* preroll untimed, then ops timed getppid() calls in the process. 0 or -errno. */
int hb_remote_run(struct hb_remote *r, uint64_t preroll, uint64_t ops, struct hb_job_result *res);

/* Close its socket and reap it. Safe on a zeroed or never-started struct. */
void hb_remote_stop(struct hb_remote *r);

#endif
