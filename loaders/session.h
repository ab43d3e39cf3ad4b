/* SPDX-License-Identifier: GPL-2.0-only */
/* One hook: open, load, attach, read counters, detach, close. No printing. */
#ifndef HB_SESSION_H
#define HB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "hooks.h"

struct btf;

struct hb_session_opts {
	const struct hb_hook *hook;
	enum hb_payload payload;
	const char *target;   /* from hb_probe_hook(): what gets attached */
	unsigned long offset; /* kprobes: bytes into target */
	pid_t tgid;           /* count only this process; 0 counts all */
	bool call_comm;       /* the payload also calls bpf_get_current_comm() */
	uint32_t ringbuf_bytes; /* ring buffer size for the ringbuf payload; 0: 1 MiB */
	const char *btf_path; /* NULL: the kernel's own BTF */
	const struct btf *btf; /* that BTF, parsed (hb_probe_env), or NULL */
	char *verifier_line;   /* a failed load leaves the verifier's last log line here; NULL: not kept */
	size_t verifier_line_len;
};

struct hb_counters {
	uint64_t events;          /* events of the target process */
	uint64_t capture_errors;  /* filename reads that failed */
	uint64_t ringbuf_drops;   /* records the ring buffer had no room for */
	uint64_t refused;         /* deny: the times the program returned -EPERM */
	uint64_t ringbuf_consumed; /* records user space has read from it */
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

typedef int (*hb_event_fn)(void *ctx, const struct hb_event *ev);

/* Open and load (not attach). why receives a reason on failure. Returns 0 or -errno. */
int hb_session_open(const struct hb_session_opts *opts, struct hb_session **out,
		    char *why, size_t whylen);
int hb_session_attach(struct hb_session *s, char *why, size_t whylen);
/* Kprobes: where the next attach goes inside the target. -EBUSY while attached. */
int hb_session_set_offset(struct hb_session *s, unsigned long offset);
/* Detach (keeps the program loaded, so counters survive). Safe when not attached. */
int hb_session_detach(struct hb_session *s);
int hb_session_read(struct hb_session *s, struct hb_counters *c);
/*
 * The ringbuf payload's records. Each one read is counted (ringbuf_consumed)
 * and handed to fn when set. Only one thread may consume a session's records.
 */
void hb_session_set_event_fn(struct hb_session *s, hb_event_fn fn, void *ctx);
/* Read what is pending; timeout_ms as in ring_buffer__poll(). Returns 0 or -errno. */
int hb_session_ringbuf_poll(struct hb_session *s, int timeout_ms);
/* An fd that is readable when records are pending, or -1 for other payloads. */
int hb_session_ringbuf_fd(const struct hb_session *s);
/* What is attached, e.g. "do_unlinkat" or "do_unlinkat+0x9". */
const char *hb_session_target(const struct hb_session *s);
/*
 * How the kernel implements the attached hook, as its kind tells: "ftrace",
 * "optimized" or "int3" for kprobes (from kprobes/list), "fprobe" for
 * kprobe_multi, "trampoline" for fentry/fexit, "" for tracepoints. Returns 0,
 * or -errno with "unknown" in buf when the kernel cannot say.
 */
int hb_session_flavour(const struct hb_session *s, char *buf, size_t len);
/* Detach and free everything. Safe on NULL. */
void hb_session_close(struct hb_session *s);

#endif
