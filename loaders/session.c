// SPDX-License-Identifier: GPL-2.0-only
#include "session.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "kinds/kind.h"
#include "linkinfo.h"
#include "object.h"
#include "refusal.h"

struct hb_session {
	struct hb_session_opts opts;
	struct hb_skel skel;
	struct bpf_program *prog;
	struct bpf_link *link;
	struct ring_buffer *rb;
	hb_event_fn event_fn;
	void *event_ctx;
	_Atomic uint64_t consumed; /* ringbuf records read */
	int ncpus;
	bool link_missed;      /* the kernel reports missed for these links */
	const char *nmissed_reason;
	uint64_t nmissed_done; /* missed of links already detached */
	bool nmissed_read_failed;
	char target[128];
	char target_display[160];
};

/* A verifier log fits here: a truncated one would fail the load with ENOSPC. */
#define VERIFIER_LOG_BYTES (1u << 20)

static int load_object(struct hb_session *s, char *log, char *why, size_t whylen)
{
	int err = bpf_object__load(s->skel.obj);

	if (err) {
		snprintf(why, whylen, "failed to load %s: %s", s->opts.hook->prog, strerror(-err));
		if (s->opts.verifier_line)
			hb_verifier_last_line(log, s->opts.verifier_line, s->opts.verifier_line_len);
	}
	return err;
}

/*
 * libbpf loads with no log first and, when that fails, again with log level
 * 1 into the object's log buffer: the verifier's reason ends up in log.
 */
static int open_object(struct hb_session *s, char *why, size_t whylen)
{
	char *log = s->opts.verifier_line ? calloc(1, VERIFIER_LOG_BYTES) : NULL;
	LIBBPF_OPTS(bpf_object_open_opts, oo, .btf_custom_path = s->opts.btf_path,
		    .kernel_log_buf = log, .kernel_log_size = log ? VERIFIER_LOG_BYTES : 0);
	struct bpf_program *p;
	int err;

	if (s->opts.hook->object) {
		err = hb_object_open(s->opts.hook->object, &oo, s->opts.tgid, &s->skel, &s->prog,
				     why, whylen);
		/* The user's own program: the lines that show where in it, too. */
		if (err && s->opts.verifier_line)
			hb_verifier_last_lines(log, 3, s->opts.verifier_line, s->opts.verifier_line_len);
		goto cleanup;
	}
	err = hb_family_open(s->opts.hook->family, &oo, &s->skel);
	if (err) {
		snprintf(why, whylen, "failed to open BPF object %s: %s",
			 s->opts.hook->family, strerror(-err));
		goto cleanup;
	}
	bpf_object__for_each_program(p, s->skel.obj) {
		bool mine = strcmp(bpf_program__name(p), s->opts.hook->prog) == 0;

		bpf_program__set_autoload(p, mine);
		if (mine)
			s->prog = p;
	}
	if (!s->prog) {
		snprintf(why, whylen, "BPF object %s has no program %s",
			 s->opts.hook->family, s->opts.hook->prog);
		err = -ENOENT;
		goto cleanup;
	}
	if (s->opts.hook->ops->prepare) {
		err = s->opts.hook->ops->prepare(s->prog, s->target, why, whylen);
		if (err)
			goto cleanup;
	}
	s->skel.cfg->tgid = (uint32_t)s->opts.tgid;
	s->skel.cfg->payload = s->opts.payload;
	s->skel.cfg->call_comm = s->opts.call_comm;
	if (s->opts.ringbuf_bytes) {
		err = bpf_map__set_max_entries(bpf_object__find_map_by_name(s->skel.obj, "hb_events"),
					       s->opts.ringbuf_bytes);
		if (err) {
			snprintf(why, whylen, "invalid ring buffer size %u: %s", s->opts.ringbuf_bytes,
				 strerror(-err));
			goto cleanup;
		}
	}
	err = load_object(s, log, why, whylen);
cleanup:
	free(log);
	return err;
}

static int ringbuf_cb(void *ctx, void *data, size_t size)
{
	struct hb_session *s = ctx;

	atomic_fetch_add_explicit(&s->consumed, 1, memory_order_relaxed);
	if (size < sizeof(struct hb_event) || !s->event_fn)
		return 0;
	return s->event_fn(s->event_ctx, data);
}

int hb_session_open(const struct hb_session_opts *opts, struct hb_session **out,
		    char *why, size_t whylen)
{
	struct hb_session *s;
	int err;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->opts = *opts;
	snprintf(s->target, sizeof(s->target), "%s", opts->target ? opts->target : "");
	if (opts->offset)
		snprintf(s->target_display, sizeof(s->target_display), "%s+0x%lx", s->target,
			 opts->offset);
	else
		snprintf(s->target_display, sizeof(s->target_display), "%s", s->target);
	s->link_missed = hb_linkinfo_reports_missed(opts->btf, opts->hook, &s->nmissed_reason);
	s->ncpus = libbpf_num_possible_cpus();
	if (s->ncpus <= 0) {
		err = s->ncpus ? s->ncpus : -EINVAL;
		snprintf(why, whylen, "cannot count possible CPUs: %s", strerror(-err));
		goto cleanup;
	}
	err = open_object(s, why, whylen);
	if (err)
		goto cleanup;
	if (opts->payload == HB_PAYLOAD_RINGBUF) {
		int fd = bpf_map__fd(bpf_object__find_map_by_name(s->skel.obj, "hb_events"));

		s->rb = ring_buffer__new(fd, ringbuf_cb, s, NULL);
		if (!s->rb) {
			err = -errno;
			snprintf(why, whylen, "failed to set up the ring buffer: %s", strerror(-err));
			goto cleanup;
		}
	}
	*out = s;
	return 0;
cleanup:
	hb_session_close(s);
	return err;
}

static struct hb_attach_point attach_point(const struct hb_session *s)
{
	return (struct hb_attach_point){
		.hook = s->opts.hook, .target = s->target, .offset = s->opts.offset,
	};
}

int hb_session_attach(struct hb_session *s, char *why, size_t whylen)
{
	const struct hb_attach_point at = attach_point(s);
	int err;

	if (s->link)
		return -EALREADY;
	err = at.hook->ops->attach(s->prog, &at, &s->link);
	if (err)
		snprintf(why, whylen, "failed to attach %s to %s: %s", at.hook->name,
			 s->target[0] ? s->target_display : "its target", strerror(-err));
	return err;
}

int hb_session_set_offset(struct hb_session *s, unsigned long offset)
{
	if (s->link)
		return -EBUSY;
	s->opts.offset = offset;
	if (offset)
		snprintf(s->target_display, sizeof(s->target_display), "%s+0x%lx", s->target, offset);
	else
		snprintf(s->target_display, sizeof(s->target_display), "%s", s->target);
	return 0;
}

static int read_link_missed(struct hb_session *s, uint64_t *missed)
{
	if (!s->link)
		return -ENOLINK;
	return hb_linkinfo_missed(bpf_link__fd(s->link), missed);
}

int hb_session_detach(struct hb_session *s)
{
	uint64_t missed;

	if (!s->link)
		return 0;
	if (s->link_missed) {
		if (read_link_missed(s, &missed) == 0)
			s->nmissed_done += missed;
		else
			s->nmissed_read_failed = true;
	}
	bpf_link__destroy(s->link);
	s->link = NULL;
	return 0;
}

static int read_percpu(struct hb_session *s, uint32_t key, uint64_t *sum, int *best_cpu)
{
	int fd = bpf_map__fd(bpf_object__find_map_by_name(s->skel.obj, "hb_counters"));
	uint64_t *vals = calloc((size_t)s->ncpus, sizeof(*vals));
	uint64_t best = 0;
	int err = 0;

	if (!vals)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, &key, vals)) {
		err = -errno;
		goto cleanup;
	}
	*sum = 0;
	for (int cpu = 0; cpu < s->ncpus; cpu++) {
		*sum += vals[cpu];
		if (best_cpu && vals[cpu] > best) {
			best = vals[cpu];
			*best_cpu = cpu;
		}
	}
cleanup:
	free(vals);
	return err;
}

static int read_sample(struct hb_session *s, int cpu, struct hb_counters *c)
{
	int fd = bpf_map__fd(bpf_object__find_map_by_name(s->skel.obj, "hb_last"));
	struct hb_event *evs = calloc((size_t)s->ncpus, sizeof(*evs));
	uint32_t key = 0;
	int err = 0;

	if (!evs)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, &key, evs)) {
		err = -errno;
		goto cleanup;
	}
	c->sample_pid = evs[cpu].pid;
	c->sample_tgid = evs[cpu].tgid;
	c->sample_name_len = evs[cpu].name_len;
	memcpy(c->sample_name, evs[cpu].name, sizeof(c->sample_name));
	c->sample_name[sizeof(c->sample_name) - 1] = '\0';
cleanup:
	free(evs);
	return err;
}

static void fill_nmissed(struct hb_session *s, struct hb_counters *c)
{
	uint64_t live = 0;

	if (!s->link_missed) {
		c->nmissed_reason = s->nmissed_reason;
		return;
	}
	if (s->link && read_link_missed(s, &live))
		s->nmissed_read_failed = true;
	if (s->nmissed_read_failed) {
		c->nmissed_reason = "reading link info failed";
		return;
	}
	c->nmissed_valid = true;
	c->nmissed = s->nmissed_done + live;
}

/* hookbench's own payload counters (a user's object has none). */
static int read_payload_counters(struct hb_session *s, struct hb_counters *c)
{
	int best_cpu = 0, err;

	err = read_percpu(s, HB_CTR_EVENTS, &c->events, &best_cpu);
	if (!err)
		err = read_percpu(s, HB_CTR_CAPTURE_ERRORS, &c->capture_errors, NULL);
	if (!err)
		err = read_percpu(s, HB_CTR_RINGBUF_DROPS, &c->ringbuf_drops, NULL);
	if (!err)
		err = read_percpu(s, HB_CTR_REFUSED, &c->refused, NULL);
	if (!err && s->opts.payload >= HB_PAYLOAD_CAPTURE)
		err = read_sample(s, best_cpu, c);
	c->ringbuf_consumed = atomic_load_explicit(&s->consumed, memory_order_relaxed);
	return err;
}

int hb_session_read(struct hb_session *s, struct hb_counters *c)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int err;

	memset(c, 0, sizeof(*c));
	if (!s->opts.hook->object) {
		err = read_payload_counters(s, c);
		if (err)
			return err;
	}
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(bpf_program__fd(s->prog), &info, &len))
		return -errno;
	c->run_cnt = info.run_cnt;
	c->run_time_ns = info.run_time_ns;
	c->recursion_misses = info.recursion_misses;
	fill_nmissed(s, c);
	return 0;
}

void hb_session_set_event_fn(struct hb_session *s, hb_event_fn fn, void *ctx)
{
	s->event_fn = fn;
	s->event_ctx = ctx;
}

int hb_session_ringbuf_poll(struct hb_session *s, int timeout_ms)
{
	int n;

	if (!s->rb)
		return -EINVAL;
	n = ring_buffer__poll(s->rb, timeout_ms);
	return n < 0 && n != -EINTR ? n : 0;
}

int hb_session_ringbuf_fd(const struct hb_session *s)
{
	return s->rb ? ring_buffer__epoll_fd(s->rb) : -1;
}

const char *hb_session_target(const struct hb_session *s)
{
	return s->target_display;
}

int hb_session_flavour(const struct hb_session *s, char *buf, size_t len)
{
	const struct hb_attach_ops *ops = s->opts.hook->ops;
	const struct hb_attach_point at = attach_point(s);

	if (ops->flavour_of)
		return ops->flavour_of(&at, buf, len);
	snprintf(buf, len, "%s", ops->flavour);
	return 0;
}

void hb_session_close(struct hb_session *s)
{
	if (!s)
		return;
	hb_session_detach(s);
	ring_buffer__free(s->rb);
	hb_family_close(&s->skel);
	free(s);
}
