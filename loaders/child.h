/* SPDX-License-Identifier: GPL-2.0-only */
/* Running the measured command: forked first, released once the hook is attached. */
#ifndef HB_CHILD_H
#define HB_CHILD_H

#include <signal.h>
#include <sys/types.h>

#include "sudo_user.h"

struct hb_child {
	pid_t pid;
	int go_fd;     /* write a byte to let the child exec */
	int status_fd; /* reports the exec errno, EOF on success */
};

/*
 * Fork a child that waits before exec'ing argv. The child gets the signal
 * mask in child_mask, default dispositions, SIGTERM if we die first, and
 * the credentials in as (NULL: ours). Returns 0 or -errno.
 */
int hb_child_spawn(char *const argv[], const sigset_t *child_mask, const struct hb_creds *as,
		   struct hb_child *c);

/* Let the child exec. Returns 0, or -errno when exec failed (e.g. -ENOENT). */
int hb_child_release(struct hb_child *c);

/* Kill (SIGKILL) and reap a child that was never released. */
void hb_child_abort(struct hb_child *c);

#endif
