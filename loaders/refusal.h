/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Why the kernel refused a hook, in words that name the cause: a lockdown
 * refusal the kernel logged, the verifier's last log line, or the errno.
 */
#ifndef HB_REFUSAL_H
#define HB_REFUSAL_H

#include <stdbool.h>
#include <stddef.h>

struct hb_refusal {
	const char *failure;  /* "failed to load hb_fentry: Operation not permitted" */
	int err;              /* -errno of the failure */
	const char *verifier; /* the verifier's last log line; "" or NULL: none */
	const char *lockdown; /* the lockdown mode (lockdown.h); NULL: unknown */
	const char *notice;   /* what lockdown logged as restricted; "" or NULL: nothing */
	bool log_read;        /* the kernel log could be read for that notice */
};

/* The reason `hookbench list` and summary.csv give, into buf. */
void hb_refusal_reason(const struct hb_refusal *r, char *buf, size_t len);

/*
 * The verifier's reason: the last non-empty line of its log before the
 * statistics it closes with ("processed N insns ...", "verification time",
 * "stack depth"), into buf ("" when none).
 */
void hb_verifier_last_line(const char *log, char *buf, size_t len);

/*
 * The same for the last n such lines (at most HB_VERIFIER_MAX_LINES), joined
 * with " / ": the failing instruction and its source line before the reason.
 */
#define HB_VERIFIER_MAX_LINES 8
void hb_verifier_last_lines(const char *log, unsigned n, char *buf, size_t len);

/*
 * The kernel log from now on (/dev/kmsg): hb_kmsg_mark() opens it at its
 * end, hb_kmsg_lockdown_notice() reads what came since and picks the
 * lockdown LSM's "Lockdown: COMM: WHAT is restricted" line of this thread.
 */
struct hb_kmsg_mark {
	int fd; /* -1: the log cannot be read (not root, or no /dev/kmsg) */
};

void hb_kmsg_mark(struct hb_kmsg_mark *m);
/* WHAT into buf ("" when none). Closes the mark. */
void hb_kmsg_lockdown_notice(struct hb_kmsg_mark *m, char *buf, size_t len);

/* The WHAT of one kmsg record's text when it is comm's lockdown notice. 0 or -ENOENT. */
int hb_lockdown_notice_parse(const char *record, const char *comm, char *buf, size_t len);

#endif
