// SPDX-License-Identifier: GPL-2.0-only
#include "summary.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "csv.h"
#include "stats.h"
#include "summary_json.h"

enum col {
	C_HOOK, C_PAYLOAD, C_MODE, C_THREADS, C_STATUS, C_REASON, C_BLOCKS, C_OPS,
	C_EXPECTED, C_SEEN, C_BASE, C_HOOKED, C_OVERHEAD, C_LOW, C_HIGH, C_PROG,
	C_NMISSED, C_RECURSION, C_LEVEL, C_ATTACH_POINT, C_STABILITY, C_NMISSED_REASON,
	C_CAPTURE_ERRORS, C_DETACHED, C_SAMPLE, C_ATTACH_US, C_TIMING, C_CLOCK,
	C_RINGBUF_DROPS, C_CONSUMER_NS, C_EVENTS_SOURCE, C_FLAVOUR, C_KERNEL,
	C_REFERENCE, C_RATIO, C_RATIO_LOW, C_RATIO_HIGH, C_RATIO_EARLIER, C_REPLICATES,
	C_BETWEEN_LOW, C_BETWEEN_HIGH, C_EARLIER, C_SPEED_STATES, C_DISPATCH, C_BODY, C_TOTAL,
	C_FOREIGN, C_FLAGS, C_UNIT, C_COUNT
};
_Static_assert(C_COUNT == HB_SUMMARY_NCOLUMNS, "one enum entry per column");

/* What a row says about one cell. */
struct verdict {
	char status[16];
	char reason[512];
	const struct hb_overhead *overhead;
	double baseline, hooked, prog_ns, attach_us;
	bool measured; /* the overhead and its interval are known */
};

static const char *expected_name(enum storm_mode mode)
{
	return mode == STORM_MODE_CREATE || mode == STORM_MODE_CHURN ? STORM_CREATE_NAME
								    : STORM_ENOENT_NAME;
}

static double median_of(const double *v, size_t n)
{
	double *copy = malloc(n * sizeof(*v)), m;

	if (!copy)
		return NAN;
	memcpy(copy, v, n * sizeof(*v));
	m = hb_median(copy, n);
	free(copy);
	return m;
}

/*
 * Test only: HOOKBENCH_TEST_FORCE_MISMATCH=1 judges every complete cell a
 * mismatch, so the tests can see what a run with such rows does (exit 3)
 * without a broken kernel. The row's reason says it was forced.
 */
static bool forced_mismatch(void)
{
	const char *v = getenv("HOOKBENCH_TEST_FORCE_MISMATCH");

	return v && *v && strcmp(v, "0");
}

/* After the events: enough visits for an interval, and no foreign program mid-run. */
static void judge_figures(const struct hb_cell *c, const struct hb_cell_figures *fig,
			  struct verdict *v)
{
	if (!v->measured) {
		snprintf(v->status, sizeof(v->status), "error");
		snprintf(v->reason, sizeof(v->reason), "too few visits (%zu) for a %.0f%% interval",
			 fig->overhead.visits, HB_CONFIDENCE * 100);
	} else if (c->contaminated[0]) {
		snprintf(v->status, sizeof(v->status), "contaminated");
		snprintf(v->reason, sizeof(v->reason), "%s", c->contaminated);
	}
}

/*
 * An --object row's runs come from bpf_stats, which counts every process's
 * calls: once per workload call, give or take others' calls, is exact; less
 * is a program that missed calls, twice or more one that fires more than
 * once per call. Returns true with v set when the row is a mismatch.
 */
static bool judge_object(const struct hb_cell *c, struct verdict *v)
{
	uint64_t seen = c->events_seen, want = c->events_expected;
	const char *what;

	/*
	 * getppid() modes call no unlinkat: whether the program runs there is
	 * what it costs other syscalls, not a miscount.
	 */
	if (!storm_mode_unlinks(c->mode))
		return false;
	if (seen < want)
		what = "fewer runs than the workload's calls";
	else if (seen - want > want / 100)
		/* bpf_stats counts every process: others' calls may add a few, not 1% */
		what = "more runs than the workload's calls";
	else
		return false;
	snprintf(v->status, sizeof(v->status), "mismatch");
	snprintf(v->reason, sizeof(v->reason),
		 "%s: the program ran %" PRIu64 " times in the bpf_stats blocks, the workload called "
		 "unlinkat %" PRIu64 " times", what, seen, want);
	return true;
}

static void judge(const struct hb_cell *c, const struct hb_cell_figures *fig, struct verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->baseline = v->hooked = v->prog_ns = v->attach_us = NAN;
	v->overhead = &fig->overhead;
	v->measured = fig->overhead.visits && fig->overhead.ci.valid;
	snprintf(v->status, sizeof(v->status), "%s", hb_cell_state_name(c));
	snprintf(v->reason, sizeof(v->reason), "%s", c->reason);
	if (c->npairs) {
		v->baseline = median_of(c->baseline, c->npairs);
		v->hooked = median_of(c->hooked, c->npairs);
		if (!c->control)
			v->attach_us = median_of(c->attach_ns, c->npairs) / 1000.0;
	}
	if (c->stats_runs)
		v->prog_ns = (double)c->stats_run_ns / (double)c->stats_runs;
	if (c->state == HB_CELL_PENDING) {
		snprintf(v->reason, sizeof(v->reason), "the run was interrupted after %zu of its pairs",
			 c->npairs);
		return;
	}
	if (c->state != HB_CELL_OK)
		return;
	if (forced_mismatch()) {
		snprintf(v->status, sizeof(v->status), "mismatch");
		snprintf(v->reason, sizeof(v->reason),
			 "forced by HOOKBENCH_TEST_FORCE_MISMATCH (a setting for tests)");
		return;
	}
	if (c->hook->object) {
		if (!judge_object(c, v))
			judge_figures(c, fig, v);
		return;
	}
	if (!storm_mode_unlinks(c->mode) && !c->control &&
	    (c->events_seen || c->program_events || c->ringbuf_drops)) {
		/* Fired: the payload got past its filters and recorded an unlinkat event. */
		snprintf(v->status, sizeof(v->status), "mismatch");
		snprintf(v->reason, sizeof(v->reason),
			 "the payload fired on getppid(), which is not unlinkat: saw %" PRIu64
			 " events (%" PRIu64 " dropped, program counted %" PRIu64
			 ") while attached, expected 0",
			 c->events_seen, c->ringbuf_drops,
			 c->payload == HB_PAYLOAD_RINGBUF ? c->program_events : c->events_seen);
	} else if (c->payload == HB_PAYLOAD_EMPTY ? c->events_seen < c->events_expected
	    : c->payload == HB_PAYLOAD_RINGBUF ? c->events_seen + c->ringbuf_drops != c->events_expected ||
						 c->program_events != c->events_expected
	    : c->events_seen != c->events_expected) {
		snprintf(v->status, sizeof(v->status), "mismatch");
		snprintf(v->reason, sizeof(v->reason),
			 "saw %" PRIu64 " events (%" PRIu64 " dropped, program counted %" PRIu64
			 ") while attached, expected %" PRIu64,
			 c->events_seen, c->ringbuf_drops,
			 c->payload == HB_PAYLOAD_RINGBUF ? c->program_events : c->events_seen,
			 c->events_expected);
	} else if (c->events_detached) {
		snprintf(v->status, sizeof(v->status), "mismatch");
		snprintf(v->reason, sizeof(v->reason), "saw %" PRIu64 " events while detached, expected 0",
			 c->events_detached);
	} else if (c->payload >= HB_PAYLOAD_CAPTURE && c->events_expected && c->final_valid &&
		   (c->final.capture_errors ||
		    strcmp(c->final.sample_name, expected_name(c->mode)) != 0)) {
		snprintf(v->status, sizeof(v->status), "mismatch");
		snprintf(v->reason, sizeof(v->reason),
			 "captured filename '%s' (%" PRIu64 " read errors), expected '%s'",
			 c->final.sample_name, c->final.capture_errors, expected_name(c->mode));
	} else {
		judge_figures(c, fig, v);
	}
}

static const char *events_source(const struct hb_cell *c)
{
	if (c->control)
		return "none: nothing attached (the control)";
	if (c->hook->object)
		return "bpf_stats run_cnt in the stats blocks (every process's calls)";
	if (c->payload == HB_PAYLOAD_EMPTY && !storm_mode_unlinks(c->mode))
		return "none: empty records nothing, and its bpf_stats runs here are the dispatch "
		       "measured, not events (runs.csv run_cnt)";
	switch (c->payload) {
	case HB_PAYLOAD_EMPTY: return "bpf_stats run_cnt in the stats blocks (every process; at least)";
	case HB_PAYLOAD_RINGBUF: return "ring buffer records read (plus ringbuf_drops)";
	default: return "the program's per-CPU counter";
	}
}

static void fmt_u64(char *buf, size_t len, uint64_t v)
{
	snprintf(buf, len, "%" PRIu64, v);
}

/* The columns from the run's figures beyond the overhead itself. */
static void fill_figures(const struct hb_cell *c, const struct hb_matrix *m,
			 const struct hb_figures *figs, char f[C_COUNT][512])
{
	const struct hb_cell_figures *cf = &figs->cell[c - m->cells];
	const struct hb_between_run *between = &cf->overhead.between, *rb = &cf->ratio.between;

	snprintf(f[C_REFERENCE], 512, "%s", m->reference ? m->reference->name : "");
	hb_csv_number(f[C_RATIO], 512, cf->ratio.known ? cf->ratio.median : NAN, 4);
	if (rb->valid) {
		hb_csv_bound(f[C_RATIO_LOW], 512, rb->low, 4, false);
		hb_csv_bound(f[C_RATIO_HIGH], 512, rb->high, 4, true);
		fmt_u64(f[C_RATIO_EARLIER], 512, rb->earlier_runs);
	}
	fmt_u64(f[C_REPLICATES], 512, cf->overhead.replicates.k);
	if (between->valid) {
		hb_csv_bound(f[C_BETWEEN_LOW], 512, between->low, 2, false);
		hb_csv_bound(f[C_BETWEEN_HIGH], 512, between->high, 2, true);
		fmt_u64(f[C_EARLIER], 512, between->earlier_runs);
	}
	hb_figures_flags(c, cf, f[C_FLAGS], 512);
	if (c->npairs)
		fmt_u64(f[C_SPEED_STATES], 512, hb_speed_states_of(&figs->speed, c - m->cells)->n);
	hb_csv_number(f[C_DISPATCH], 512, cf->breakdown.dispatch_ns, 2);
	hb_csv_number(f[C_BODY], 512, cf->breakdown.body_ns, 2);
	hb_csv_number(f[C_TOTAL], 512, cf->total_ns, 2);
}

static void fill_row(const struct hb_cell *c, const struct hb_matrix *m,
		     const struct hb_figures *figs, const struct run_opts *o, const char *timing,
		     const char *kernel, const struct verdict *v, char f[C_COUNT][512])
{
	bool ran = c->state != HB_CELL_UNSUPPORTED && (c->session || c->control);
	const struct hb_overhead *oh = v->overhead;

	for (int i = 0; i < C_COUNT; i++)
		f[i][0] = '\0';
	snprintf(f[C_HOOK], 512, "%s", c->hook->name);
	snprintf(f[C_PAYLOAD], 512, "%s", hb_cell_payload_name(c));
	snprintf(f[C_MODE], 512, "%s", storm_mode_names[c->mode]);
	snprintf(f[C_THREADS], 512, "%u", c->threads);
	snprintf(f[C_STATUS], 512, "%s", v->status);
	snprintf(f[C_REASON], 512, "%s", strcmp(v->status, "ok") ? v->reason : "");
	fmt_u64(f[C_BLOCKS], 512, c->npairs);
	fmt_u64(f[C_OPS], 512, hb_ops_per_block(o, c->mode));
	snprintf(f[C_ATTACH_POINT], 512, "%s",
		 c->session ? hb_session_target(c->session) : c->support.target);
	if (c->control)
		snprintf(f[C_NMISSED_REASON], 512, "not applicable: nothing attached");
	snprintf(f[C_STABILITY], 512, "%s", c->hook->stability);
	snprintf(f[C_TIMING], 512, "%s", timing);
	snprintf(f[C_CLOCK], 512, "%s", hb_clock_names[o->clock]);
	snprintf(f[C_KERNEL], 512, "%s", kernel);
	snprintf(f[C_UNIT], 512, "%s", hb_run_unit(o));
	if (ran)
		snprintf(f[C_FOREIGN], 512, "%u", c->foreign_programs);
	if (!ran)
		return;
	fmt_u64(f[C_EXPECTED], 512, c->events_expected);
	fmt_u64(f[C_SEEN], 512, c->events_seen);
	fmt_u64(f[C_DETACHED], 512, c->events_detached);
	hb_csv_number(f[C_BASE], 512, v->baseline, 2);
	hb_csv_number(f[C_HOOKED], 512, v->hooked, 2);
	hb_csv_number(f[C_OVERHEAD], 512, oh->median, 2);
	hb_csv_number(f[C_LOW], 512, v->measured ? oh->ci.low : NAN, 2);
	hb_csv_number(f[C_HIGH], 512, v->measured ? oh->ci.high : NAN, 2);
	hb_csv_number(f[C_LEVEL], 512, v->measured ? oh->ci.level : NAN, 4);
	hb_csv_number(f[C_PROG], 512, v->prog_ns, 2);
	hb_csv_number(f[C_ATTACH_US], 512, v->attach_us, 1);
	snprintf(f[C_EVENTS_SOURCE], 512, "%s", events_source(c));
	snprintf(f[C_FLAVOUR], 512, "%s", c->flavour);
	fill_figures(c, m, figs, f);
	if (!c->control && c->payload == HB_PAYLOAD_RINGBUF) {
		fmt_u64(f[C_RINGBUF_DROPS], 512, c->ringbuf_drops);
		hb_csv_number(f[C_CONSUMER_NS], 512,
			c->events_seen ? (double)c->consumer_ns / (double)c->events_seen : NAN, 1);
	}
	if (!c->final_valid)
		return;
	if (c->final.nmissed_valid)
		fmt_u64(f[C_NMISSED], 512, c->final.nmissed);
	else
		snprintf(f[C_NMISSED_REASON], 512, "%s", c->final.nmissed_reason);
	fmt_u64(f[C_RECURSION], 512, c->final.recursion_misses);
	fmt_u64(f[C_CAPTURE_ERRORS], 512, c->final.capture_errors);
	if (c->payload >= HB_PAYLOAD_CAPTURE)
		snprintf(f[C_SAMPLE], 512, "%s", c->final.sample_name);
}

/* Every cell's row, in order, to emit(ctx, fields). */
static void each_row(const struct hb_matrix *m, const struct hb_figures *figs,
		     const struct run_opts *o, const char *timing,
		     void (*emit)(void *ctx, const char *const *fields), void *ctx)
{
	static char fields[C_COUNT][512];
	const char *ptrs[C_COUNT];
	struct verdict v;
	struct utsname u;

	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "unknown");
	for (size_t i = 0; i < m->n; i++) {
		judge(&m->cells[i], &figs->cell[i], &v);
		fill_row(&m->cells[i], m, figs, o, timing, u.release, &v, fields);
		for (int k = 0; k < C_COUNT; k++)
			ptrs[k] = fields[k];
		emit(ctx, ptrs);
	}
}

static void csv_row(void *f, const char *const *fields)
{
	hb_csv_row(f, fields, C_COUNT);
}

int hb_summary_write_csv(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs,
			 const struct run_opts *o, const char *timing)
{
	hb_csv_row(f, hb_summary_columns, hb_summary_ncolumns);
	each_row(m, figs, o, timing, csv_row, f);
	return ferror(f) ? -EIO : 0;
}

static void json_row(void *s, const char *const *fields)
{
	hb_summary_json_row(s, fields);
}

int hb_summary_write_json(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs,
			  const struct run_opts *o, const char *timing)
{
	struct hb_summary_json s;

	hb_summary_json_begin(&s, f, hb_summary_columns, hb_summary_ncolumns);
	each_row(m, figs, o, timing, json_row, &s);
	return hb_summary_json_end(&s);
}

size_t hb_summary_failed_rows(const struct hb_matrix *m, const struct hb_figures *figs)
{
	struct verdict v;
	size_t n = 0;

	for (size_t i = 0; i < m->n; i++) {
		judge(&m->cells[i], &figs->cell[i], &v);
		n += !strcmp(v.status, "mismatch") || !strcmp(v.status, "error") ||
		     !strcmp(v.status, "contaminated");
	}
	return n;
}

void hb_summary_print(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs)
{
	int width = 16; /* the hook column: as wide as its longest name (--object's FILE:PROGRAM) */
	struct verdict v;

	for (size_t i = 0; i < m->n; i++)
		if ((int)strlen(m->cells[i].hook->name) > width)
			width = (int)strlen(m->cells[i].hook->name);
	fprintf(f, "%-*s %-8s %-12s %-3s %-12s %-30s %-24s %-12s %s\n", width, "hook", "payload",
		"mode", "thr", "status", "overhead ns/event [95% CI]", "x reference [another run]",
		"prog ns/run", "events seen/expected");
	for (size_t i = 0; i < m->n; i++) {
		const struct hb_cell *c = &m->cells[i];
		const struct hb_ratio *r = &figs->cell[i].ratio;
		char est[64] = "-", ratio[64] = "-", prog[32] = "-", events[64] = "-";

		judge(c, &figs->cell[i], &v);
		if (v.measured)
			snprintf(est, sizeof(est), "%.1f [%.1f, %.1f]", v.overhead->median,
				 v.overhead->ci.low, v.overhead->ci.high);
		if (r->is_reference)
			snprintf(ratio, sizeof(ratio), "reference");
		else if (r->known && r->between.valid)
			snprintf(ratio, sizeof(ratio), "%.3f [%.4f, %.4f]", r->median, r->between.low,
				 r->between.high);
		else if (r->known)
			snprintf(ratio, sizeof(ratio), "%.2f", r->median);
		if (!isnan(v.prog_ns))
			snprintf(prog, sizeof(prog), "%.1f", v.prog_ns);
		if (c->session || c->control)
			snprintf(events, sizeof(events), "%" PRIu64 "/%" PRIu64, c->events_seen,
				 c->events_expected);
		fprintf(f, "%-*s %-8s %-12s %-3u %-12s %-30s %-24s %-12s %s\n", width, c->hook->name,
			hb_cell_payload_name(c), storm_mode_names[c->mode], c->threads, v.status,
			est, ratio, prog, events);
		if (strcmp(v.status, "ok"))
			fprintf(f, "    %s\n", v.reason);
	}
	if (m->reference)
		fprintf(f, "reference: %s\n", m->reference->name);
}
