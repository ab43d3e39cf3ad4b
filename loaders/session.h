/* SPDX-License-Identifier: GPL-2.0-only */
/* One hook: open, load, attach, read counters, detach, close. No printing. */
#ifndef HB_SESSION_H
#define HB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "hooks.h"

struct btf;

struct hb_session_opts {
	const struct hb_hook *hook;
	enum hb_payload payload;
	const char *target;   /* from hb_probe_hook(): the symbol for kprobes */
	pid_t tgid;           /* count only this process; 0 counts all */
	bool trace;           /* stream captured events through a ring buffer */
	const char *btf_path; /* NULL: the kernel's own BTF */
	const struct btf *btf; /* that BTF, parsed (hb_probe_env), or NULL */
};

struct hb_counters {
	uint64_t events;          /* events of the target process */
	uint64_t capture_errors;  /* filename reads that failed */
	uint64_t trace_drops;     /* trace records the ring buffer refused */
	uint64_t run_cnt;         /* bpf_stats: runs, all processes (0 with stats off) */
	uint64_t run_time_ns;     /* bpf_stats: time in the program */
	uint64_t recursion_misses;
	bool nmissed_valid;       /* false: see nmissed_reason */
	uint64_t nmissed;         /* kprobe missed, summed over every attach */
	const char *nmissed_reason;
	/* The last capture on the CPU that saw the most events. */
	uint32_t sample_pid;
	uint32_t sample_tgid;
	int32_t sample_name_len;
	char sample_name[HB_NAME_MAX];
};

struct hb_session;

typedef int (*hb_trace_fn)(void *ctx, const struct hb_event *ev);

/* Open and load (not attach). why receives a reason on failure. Returns 0 or -errno. */
int hb_session_open(const struct hb_session_opts *opts, struct hb_session **out,
		    char *why, size_t whylen);
int hb_session_attach(struct hb_session *s, char *why, size_t whylen);
/* Detach (keeps the program loaded, so counters survive). Safe when not attached. */
int hb_session_detach(struct hb_session *s);
bool hb_session_attached(const struct hb_session *s);
int hb_session_read(struct hb_session *s, struct hb_counters *c);
/* Deliver pending trace events to fn; timeout_ms as in ring_buffer__poll(). */
int hb_session_trace_poll(struct hb_session *s, hb_trace_fn fn, void *ctx, int timeout_ms);
/* An fd that is readable when trace events are pending, or -1 without --trace. */
int hb_session_trace_fd(const struct hb_session *s);
const char *hb_session_target(const struct hb_session *s);
/* Detach and free everything. Safe on NULL. */
void hb_session_close(struct hb_session *s);

#endif
