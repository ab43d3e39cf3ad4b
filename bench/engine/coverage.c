// SPDX-License-Identifier: GPL-2.0-only
#include "coverage.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "session.h"

/* What the running kernel lets this process make, probed once per run. */
struct paths_here {
	int err[HB_PATH_COUNT];
	char why[HB_PATH_COUNT][256];
};

static void probe_paths(struct paths_here *p)
{
	for (int i = 0; i < HB_PATH_COUNT; i++)
		p->err[i] = hb_removal_path_runnable(i, p->why[i], sizeof(p->why[i]));
}

/* Attach hook on this process with the count payload, or say why not. */
static int attach_hook(const struct hb_probe_env *env, const struct hb_hook *hook,
		       struct hb_support *sup, struct hb_session **s, char *why, size_t len)
{
	char verifier[200] = "";
	struct hb_session_opts so = {
		.hook = hook, .payload = HB_PAYLOAD_COUNT, .tgid = getpid(),
		.btf_path = env->btf_path, .btf = env->btf,
		.verifier_line = verifier, .verifier_line_len = sizeof(verifier),
	};

	*s = NULL;
	hb_probe_hook(env, hook, HB_PAYLOAD_COUNT, sup);
	if (!sup->supported) {
		snprintf(why, len, "%s", sup->reason);
		return -EOPNOTSUPP;
	}
	so.target = sup->target;
	if (hb_probe_attach(env, &so, sup, s, why, len)) {
		sup->supported = false; /* the deny proof then says not run, with why */
		snprintf(sup->reason, sizeof(sup->reason), "%s", why);
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * calls of path x outcome, counted by s: its count payload, or for a user's
 * program (--object) its bpf_stats run count, which counts every process.
 * 0 or -errno with why.
 */
static int count_calls(struct hb_session *s, struct hb_coverage_row *r, int dirfd,
		       uint64_t calls, const _Atomic bool *stop, char *why, size_t len)
{
	struct hb_counters before, after;
	int stats = -1, err;

	if (r->hook->object) {
		stats = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (stats < 0) {
			snprintf(why, len, "failed to enable bpf_stats: %s", strerror(-stats));
			return stats;
		}
	}
	err = hb_session_read(s, &before);
	for (uint64_t i = 0; !err && i < calls; i++) {
		if (stop && atomic_load(stop)) {
			err = -EINTR;
			break;
		}
		err = hb_removal_call(r->path, r->outcome, dirfd);
		if (err)
			snprintf(why, len, "%s (%s) failed: %s", hb_removal_path_names[r->path],
				 hb_removal_outcome_names[r->outcome], strerror(-err));
	}
	if (!err)
		err = hb_session_read(s, &after);
	if (stats >= 0)
		close(stats);
	if (err && !why[0] && err != -EINTR)
		snprintf(why, len, "cannot read %s's counters: %s", r->hook->name, strerror(-err));
	if (!err) {
		r->seen = r->hook->object ? after.run_cnt - before.run_cnt : after.events - before.events;
		r->expected = calls;
	}
	return err;
}

static struct hb_coverage_row *add_row(struct hb_coverage *c, const struct hb_hook *hook,
				       int path, int outcome)
{
	struct hb_coverage_row *r = &c->rows[c->nrows++];

	memset(r, 0, sizeof(*r));
	r->hook = hook;
	r->path = path;
	r->outcome = outcome;
	return r;
}

/* One hook: its rows and its deny proof, or why it did not run. 0, -EINTR or -errno with why. */
static int run_hook(struct hb_coverage *c, const struct hb_probe_env *env,
		    const struct hb_hook *hook, const struct paths_here *here, int dirfd,
		    uint64_t calls, const _Atomic bool *stop, char *why, size_t len)
{
	struct hb_coverage_hook *h = &c->hooks[c->nhooks++];
	struct hb_session *s = NULL;
	struct hb_support sup;
	int err = 0;

	memset(h, 0, sizeof(*h));
	h->hook = hook;
	if (attach_hook(env, hook, &sup, &s, h->reason, sizeof(h->reason))) {
		hb_deny_prove(env, hook, &sup, dirfd, &h->proof); /* not run, with the reason */
		return 0;
	}
	h->ran = true;
	for (int p = 0; p < HB_PATH_COUNT && !err; p++) {
		for (int o = 0; o < HB_OUTCOME_COUNT && !err; o++) {
			struct hb_coverage_row *r;

			if (stop && atomic_load(stop)) {
				err = -EINTR;
				break;
			}
			r = add_row(c, hook, p, o);
			if (here->err[p])
				snprintf(r->reason, sizeof(r->reason), "%s", here->why[p]);
			else
				err = count_calls(s, r, dirfd, calls, stop, why, len);
		}
	}
	hb_session_close(s);
	if (!err && hook->object) {
		h->proof.can_block = HB_CAN_BLOCK_NOT_RUN;
		snprintf(h->proof.detail, sizeof(h->proof.detail), "the deny proof loads hookbench's "
			 "deny payload: built-in hooks only");
	} else if (!err) {
		err = hb_deny_prove(env, hook, &sup, dirfd, &h->proof);
		if (err)
			snprintf(why, len, "%s's deny proof: %s", hook->name, h->proof.detail);
	}
	return err;
}

int hb_coverage_run(struct hb_coverage *c, const size_t *hooks, size_t nhooks,
		    const struct hb_hook *objects, size_t nobjects,
		    const struct hb_probe_env *env, int dirfd, uint64_t calls,
		    const _Atomic bool *stop, char *why, size_t len)
{
	struct paths_here *here = NULL;
	int err = 0;

	memset(c, 0, sizeof(*c));
	why[0] = '\0';
	here = calloc(1, sizeof(*here));
	c->rows = calloc((nhooks + nobjects) * HB_PATH_COUNT * HB_OUTCOME_COUNT + 1, sizeof(*c->rows));
	if (!here || !c->rows) {
		snprintf(why, len, "out of memory");
		err = -ENOMEM;
		goto cleanup;
	}
	probe_paths(here);
	for (size_t i = 0; i < nhooks && !err && c->nhooks < HB_MAX_HOOKS; i++)
		err = run_hook(c, env, &hb_hooks[hooks[i]], here, dirfd, calls, stop, why, len);
	for (size_t i = 0; i < nobjects && !err && c->nhooks < HB_MAX_HOOKS; i++)
		err = run_hook(c, env, &objects[i], here, dirfd, calls, stop, why, len);
	if (err == -EINTR && !why[0])
		snprintf(why, len, "interrupted");
cleanup:
	free(here);
	return err;
}

void hb_coverage_free(struct hb_coverage *c)
{
	free(c->rows);
	memset(c, 0, sizeof(*c));
}
