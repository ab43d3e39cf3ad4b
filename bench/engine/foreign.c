// SPDX-License-Identifier: GPL-2.0-only
#include "foreign.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sysinfo.h"

/* The syscalls the workload modes make: enoent, create, churn, other. */
static bool names_measured_syscall(const char *s, size_t len)
{
	static const char *const syscalls[] = { "unlinkat", "getppid", "openat", "write", "close",
						"fstatat" };

	for (size_t i = 0; i < sizeof(syscalls) / sizeof(syscalls[0]); i++) {
		size_t n = strlen(syscalls[i]);

		for (size_t k = 0; k + n <= len; k++)
			if (!strncmp(s + k, syscalls[i], n))
				return true;
	}
	return false;
}

bool hb_foreign_on_measured_path(const char *attach)
{
	const char *colon = strchr(attach, ':'), *fn, *event;
	size_t fnlen;

	if (!colon)
		return false;
	if (!strncmp(attach, "raw_tp:", 7) || !strncmp(attach, "tp_btf:", 7) ||
	    !strncmp(attach, "tracepoint:raw_syscalls:", 24))
		return true; /* sys_enter, sys_exit: every syscall */
	/* Any enabled syscall tracepoint puts every task on the syscall slow path. */
	if (!strncmp(attach, "tracepoint:syscalls:", 20))
		return true;
	if (!strncmp(attach, "tracepoint:", 11)) {
		event = strrchr(attach, ':') + 1;
		return names_measured_syscall(event, strlen(event));
	}
	/* kprobe, kretprobe, kprobe_multi, fentry...: KIND:FUNCTION[+OFF][,+N more] */
	if (strstr(attach, ",+"))
		return true; /* several functions, only the first one named: assume the worst */
	fn = colon + 1;
	fnlen = strcspn(fn, "+");
	/* A syscall's entry (__x64_sys_X): only the measured ones; otherwise the
	 * dispatcher or the unlinkat implementation, on every measured call. */
	if (strstr(fn, "sys_") && strncmp(fn, "x64_sys_call", 12))
		return names_measured_syscall(fn, fnlen);
	return true;
}

/* Those of the census on the measured path that this process does not hold. */
static int scan(struct hb_attached *out)
{
	struct hb_held mine;
	size_t keep = 0;
	int err;

	err = hb_attached_collect(out);
	if (err)
		return err;
	err = hb_held_collect("/proc/self/fdinfo", &mine);
	if (err) {
		hb_attached_free(out);
		return err;
	}
	for (size_t i = 0; i < out->n; i++) {
		const struct hb_attached_prog *p = &out->progs[i];

		if (hb_foreign_on_measured_path(p->attach) && !hb_held_has(&mine, p->id) &&
		    !hb_held_has(&mine, p->link_id))
			out->progs[keep++] = *p;
	}
	out->n = keep;
	hb_held_free(&mine);
	return 0;
}

static struct hb_foreign_prog *find(const struct hb_foreign *f, uint32_t id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->progs[i].p.id == id)
			return &f->progs[i];
	return NULL;
}

static int add(struct hb_foreign *f, const struct hb_attached_prog *p, bool mid_run,
	       uint64_t round)
{
	struct hb_foreign_prog *grown, *q;

	grown = realloc(f->progs, (f->n + 1) * sizeof(*f->progs));
	if (!grown)
		return -ENOMEM;
	f->progs = grown;
	q = &f->progs[f->n++];
	memset(q, 0, sizeof(*q));
	q->p = *p;
	q->mid_run = mid_run;
	q->first_check = q->last_check = round;
	if (mid_run)
		hb_utc_now(q->first_seen, sizeof(q->first_seen));
	if (p->perf_pid) /* the process holding the perf event attached it */
		hb_owner_of("/proc", p->perf_pid, &q->owner);
	else
		hb_owner_find("/proc", p->id, p->link_id, &q->owner);
	return 0;
}

int hb_foreign_start(struct hb_foreign *f)
{
	struct hb_attached now;
	int err;

	memset(f, 0, sizeof(*f));
	err = scan(&now);
	for (size_t i = 0; !err && i < now.n; i++)
		if (!find(f, now.progs[i].id))
			err = add(f, &now.progs[i], false, 0);
	f->nstart = f->n;
	hb_attached_free(&now);
	return err;
}

int hb_foreign_check(struct hb_foreign *f, uint64_t round, size_t *appeared)
{
	struct hb_attached now;
	struct hb_foreign_prog *known;
	int err;

	*appeared = 0;
	err = scan(&now);
	for (size_t i = 0; !err && i < now.n; i++) {
		known = find(f, now.progs[i].id);
		if (known) {
			known->last_check = round;
			continue;
		}
		err = add(f, &now.progs[i], true, round);
		*appeared += !err;
	}
	hb_attached_free(&now);
	return err;
}

/*
 * Seen before round c means there during some of round c - 1 (it may have
 * come just after that round began) and at the start of round c.
 */
bool hb_foreign_rounds(const struct hb_foreign *f, const struct hb_foreign_prog *p,
		       uint64_t *from, uint64_t *to)
{
	uint64_t lo = p->first_check ? p->first_check - 1 : 0, hi = p->last_check;

	if (!p->mid_run || !f->visits)
		return false;
	if (lo < f->warmup)
		lo = f->warmup;
	if (hi >= f->visits)
		hi = f->visits - 1;
	*from = lo;
	*to = hi;
	return lo <= hi;
}

void hb_foreign_apply(const struct hb_foreign *f, struct hb_matrix *m)
{
	uint64_t from = UINT64_MAX, to = 0, lo, hi;
	const struct hb_foreign_prog *first = NULL;
	size_t mid = 0;
	char what[320];

	for (size_t i = f->nstart; i < f->n; i++) {
		if (!hb_foreign_rounds(f, &f->progs[i], &lo, &hi))
			continue;
		first = first ? first : &f->progs[i];
		mid++;
		from = lo < from ? lo : from;
		to = hi > to ? hi : to;
	}
	if (first)
		hb_foreign_describe(first, what, sizeof(what));
	for (size_t i = 0; i < m->n; i++) {
		struct hb_cell *c = &m->cells[i];

		if (c->state == HB_CELL_UNSUPPORTED || (!c->session && !c->control))
			continue;
		c->foreign_programs = (unsigned)(f->nstart + mid);
		if (first)
			snprintf(c->contaminated, sizeof(c->contaminated),
				 "%zu BPF program%s not of this run attached mid-run, in rounds %llu-%llu "
				 "(%s%s)", mid, mid == 1 ? "" : "s", (unsigned long long)from,
				 (unsigned long long)to, what, mid > 1 ? ", ..." : "");
	}
}

void hb_foreign_describe(const struct hb_foreign_prog *p, char *buf, size_t len)
{
	const struct hb_attached_prog *a = &p->p;

	if (p->owner.pid)
		snprintf(buf, len, "prog %u %s %s on %s, pid %ld (%s)", a->id, a->type, a->name,
			 a->attach, p->owner.pid, p->owner.comm);
	else
		snprintf(buf, len, "prog %u %s %s on %s, owner unknown", a->id, a->type, a->name,
			 a->attach);
}

void hb_foreign_free(struct hb_foreign *f)
{
	free(f->progs);
	f->progs = NULL;
	f->n = f->nstart = 0;
}
