// SPDX-License-Identifier: GPL-2.0-only
#include "reentry.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "session.h"
#include "storm.h"

struct pair_result {
	char status[16];
	char reason[600];
	struct hb_counters a, b;
};

static void open_session(const struct hb_probe_env *env, const struct hb_hook *hook,
			 const char *target, unsigned long offset, bool call_comm,
			 struct hb_session **s, char *why, size_t len)
{
	struct hb_session_opts so = {
		.hook = hook, .payload = HB_PAYLOAD_COUNT, .target = target, .offset = offset,
		.tgid = getpid(), .call_comm = call_comm, .btf_path = env->btf_path, .btf = env->btf,
	};

	if (hb_session_open(&so, s, why, len))
		*s = NULL;
	else if (hb_session_attach(*s, why, len)) {
		hb_session_close(*s);
		*s = NULL;
	}
}

/* Attach B on the helper, then A on unlinkat, run the calls, read both. */
static int run_pair(const struct hb_probe_env *env, const struct hb_hook *a,
		    const struct hb_support *a_sup, const struct hb_hook *b, int dirfd,
		    uint64_t calls, struct pair_result *r)
{
	struct hb_session *sa = NULL, *sb = NULL;
	struct hb_support b_sup;
	uint64_t done;
	char why[400];
	int err = 0;

	snprintf(r->status, sizeof(r->status), "unsupported");
	hb_probe_hook(env, b, HB_PAYLOAD_COUNT, &b_sup);
	if (!b_sup.supported) {
		snprintf(r->reason, sizeof(r->reason), "B: %s", b_sup.reason);
		goto cleanup;
	}
	open_session(env, b, HB_REENTRY_TARGET, 0, false, &sb, why, sizeof(why));
	if (!sb) {
		snprintf(r->reason, sizeof(r->reason), "B: %s", why);
		goto cleanup;
	}
	open_session(env, a, a_sup->target, a_sup->offset, true, &sa, why, sizeof(why));
	if (!sa) {
		snprintf(r->reason, sizeof(r->reason), "A: %s", why);
		goto cleanup;
	}
	err = storm_loop(STORM_MODE_ENOENT, dirfd, calls, NULL, &done);
	if (err)
		goto cleanup;
	if (hb_session_read(sa, &r->a) || hb_session_read(sb, &r->b)) {
		snprintf(r->status, sizeof(r->status), "error");
		snprintf(r->reason, sizeof(r->reason), "failed to read counters");
		goto cleanup;
	}
	snprintf(r->status, sizeof(r->status), r->a.events == calls ? "ok" : "mismatch");
cleanup:
	hb_session_close(sa);
	hb_session_close(sb);
	return err;
}

/* What happened to B, in words. */
static void outcome(const struct pair_result *r, uint64_t calls, char *buf, size_t len)
{
	uint64_t skipped = calls > r->b.events ? calls - r->b.events : 0;

	if (strcmp(r->status, "ok")) {
		snprintf(buf, len, "%s", r->reason);
	} else if (!skipped) {
		snprintf(buf, len, "B ran every time");
	} else if (r->b.nmissed_valid && r->b.nmissed >= skipped) {
		snprintf(buf, len, "B skipped %" PRIu64 " times, counted in B's link nmissed", skipped);
	} else if (r->b.recursion_misses >= skipped) {
		snprintf(buf, len, "B skipped %" PRIu64 " times, counted in B's recursion_misses", skipped);
	} else {
		snprintf(buf, len, "B skipped %" PRIu64 " times, not counted on this kernel%s", skipped,
			 r->b.nmissed_valid ? "" : " (its link info reports no missed count)");
	}
}

static void write_row(FILE *csv, FILE *table, const char *a, const char *b, uint64_t calls,
		      const struct pair_result *r)
{
	char f[9][64], what[640];
	const char *row[11];
	bool ran = !strcmp(r->status, "ok") || !strcmp(r->status, "mismatch");

	outcome(r, calls, what, sizeof(what));
	for (int i = 0; i < 9; i++)
		f[i][0] = '\0';
	snprintf(f[0], 64, "%" PRIu64, calls);
	if (ran) {
		snprintf(f[1], 64, "%" PRIu64, r->a.events);
		snprintf(f[2], 64, "%" PRIu64, r->b.events);
		if (r->b.nmissed_valid)
			snprintf(f[3], 64, "%" PRIu64, r->b.nmissed);
		snprintf(f[4], 64, "%" PRIu64, r->b.recursion_misses);
		snprintf(f[5], 64, "%" PRIu64, r->a.recursion_misses);
	}
	row[0] = a;
	row[1] = b;
	row[2] = HB_REENTRY_TARGET;
	row[3] = r->status;
	for (int i = 0; i < 6; i++)
		row[4 + i] = f[i];
	row[10] = what;
	hb_csv_row(csv, row, 11);
	fflush(csv);
	fprintf(table, "%-16s %-13s %-12s %s\n", a, b, r->status, what);
}

int hb_reentry_run(const struct run_opts *o, const struct hb_probe_env *env, int dirfd,
		   uint64_t calls, FILE *csv, FILE *table)
{
	static const char *const header[] = {
		"a_hook", "b_hook", "b_target", "status", "calls", "a_events", "b_events",
		"b_nmissed", "b_recursion_misses", "a_recursion_misses", "outcome",
	};
	int err = 0;

	hb_csv_row(csv, header, sizeof(header) / sizeof(header[0]));
	fprintf(table, "%-16s %-13s %-12s %s\n", "A (unlinkat)", "B (" HB_REENTRY_TARGET ")",
		"status", "what happened to B");
	for (size_t i = 0; i < o->nhooks && !err; i++) {
		const struct hb_hook *a = &hb_hooks[o->hooks[i]];
		struct hb_support sup;

		hb_probe_hook(env, a, HB_PAYLOAD_COUNT, &sup);
		hb_probe_hook_by_loading(env, a, &sup);
		for (size_t k = 0; k < hb_nhooks && !err; k++) {
			const struct hb_hook *b = &hb_hooks[k];
			struct pair_result r;

			if (!b->function_entry)
				continue;
			memset(&r, 0, sizeof(r));
			if (!sup.supported) {
				snprintf(r.status, sizeof(r.status), "unsupported");
				snprintf(r.reason, sizeof(r.reason), "A: %s", sup.reason);
			} else {
				err = run_pair(env, a, &sup, b, dirfd, calls, &r);
			}
			write_row(csv, table, a->name, b->name, calls, &r);
		}
	}
	return err;
}
