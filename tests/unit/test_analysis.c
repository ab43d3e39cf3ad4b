// SPDX-License-Identifier: GPL-2.0-only
/* The analysis helpers report, plot, compare and hyperfine are built on. */
#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "breakdown.h"
#include "hyperfine_export.h"
#include "json_read.h"
#include "rank.h"
#include "results.h"
#include "run_states.h"
#include "syscall_programs.h"
#include "table.h"
#include "tap.h"

static void test_table(void)
{
	const char *text = "hook,payload,kind,ns\n"
			   "tp,count,baseline,10\n"
			   "tp,count,hooked,12\n"
			   "kp,count,baseline,x\n"
			   "tp,count,hooked,13\n";
	const struct hb_match hooked[] = { { "hook", "tp" }, { "kind", "hooked" }, { NULL, NULL } };
	const struct hb_match nowhere[] = { { "nope", "tp" }, { NULL, NULL } };
	const char *const hook_kind[] = { "hook", "kind", NULL };
	struct hb_csv_table t;
	char why[256];

	TAP_OK(hb_csv_parse(text, strlen(text), &t, why, sizeof(why)) == 0, "a table to look in");
	TAP_OK(hb_table_find(&t, 0, hooked) == 1, "the first matching row");
	TAP_OK(hb_table_find(&t, 2, hooked) == 3, "the next one, from a row on");
	TAP_OK(hb_table_find(&t, 4, hooked) == -1, "none after the last");
	TAP_OK(hb_table_find(&t, 0, nowhere) == -1, "a column the table lacks matches no value");
	TAP_STREQ(hb_table_str(&t, 2, "hook"), "kp", "a field by column name");
	TAP_STREQ(hb_table_str(&t, 2, "nope"), "", "a missing column reads as empty");
	TAP_OK(hb_table_num(&t, 3, "ns") == 13 && isnan(hb_table_num(&t, 2, "ns")),
	       "numbers by column name; a word is NAN");
	TAP_OK(hb_table_same(&t, 1, 3, hook_kind) && !hb_table_same(&t, 0, 1, hook_kind),
	       "rows compared on some columns");
	TAP_OK(hb_table_first_of(&t, 1, hook_kind) && !hb_table_first_of(&t, 3, hook_kind),
	       "the first row of its kind, and a later one");
	hb_csv_free(&t);
}

static void test_rank(void)
{
	struct hb_ranked v[] = {
		{ .pos = 0, .ok = false, .est = 1 },
		{ .pos = 1, .ok = true, .est = 30 },
		{ .pos = 2, .ok = true, .est = NAN },
		{ .pos = 3, .ok = true, .est = 10 },
		{ .pos = 4, .ok = false, .est = NAN },
		{ .pos = 5, .ok = true, .est = 10 },
	};
	const size_t want[] = { 3, 5, 1, 2, 0, 4 };
	bool same = true;

	hb_rank(v, sizeof(v) / sizeof(v[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		same = same && v[i].pos == want[i];
	TAP_OK(same, "cheapest measured first, equal ones in their order, unmeasured last");
}

static struct json_object *doc(const char *text)
{
	struct json_object *v = NULL;
	char why[256];

	if (hb_jparse(text, strlen(text), &v, why, sizeof(why)))
		printf("# %s\n", why);
	return v;
}

static void test_hyperfine_means(void)
{
	const char *cmds[] = { "storm", "true", "absent", "odd" };
	struct json_object *d = doc("{\"results\": [{\"command\": \"storm\", \"mean\": 0.5},"
				    " {\"command\": \"true\", \"mean\": 0.1},"
				    " {\"command\": \"storm\", \"mean\": 0.25},"
				    " {\"command\": \"odd\", \"mean\": \"fast\"}, 7]}");
	double means[4];

	hb_hyperfine_means(d, cmds, 4, means);
	TAP_OK(means[0] == 0.25 && means[1] == 0.1, "each command's mean; the last entry counts");
	TAP_OK(isnan(means[2]) && isnan(means[3]), "no entry or no number: NAN");
	json_object_put(d);
	d = doc("{\"results\": {\"command\": \"storm\", \"mean\": 1}}");
	hb_hyperfine_means(d, cmds, 1, means);
	TAP_OK(isnan(means[0]), "results that are not a list give nothing");
	json_object_put(d);
}

static void test_syscall_programs(void)
{
	struct json_object *d = doc("{\"syscall_path_programs\": [{\"id\": 41, \"type\": \"tracepoint\","
				    " \"name\": \"agent\", \"attach\": \"syscalls/sys_enter_unlinkat\"},"
				    " {\"id\": \"x\"}, 3]}");
	struct hb_syscall_prog p;

	TAP_OK(hb_syscall_prog_count(d) == 3, "every entry counts");
	hb_syscall_prog_get(d, 0, &p);
	TAP_OK(!strcmp(p.id, "41") && !strcmp(p.type, "tracepoint") && !strcmp(p.name, "agent") &&
	       !strcmp(p.attach, "syscalls/sys_enter_unlinkat"), "an entry's id, type, name, attach point");
	hb_syscall_prog_get(d, 1, &p);
	TAP_OK(!strcmp(p.id, "?") && !strcmp(p.type, "?") && !strcmp(p.attach, "?"),
	       "missing fields and a non-integer id read as ?");
	hb_syscall_prog_get(d, 2, &p);
	TAP_OK(!strcmp(p.id, "?") && !strcmp(p.name, "?"), "so does an entry that is not an object");
	hb_syscall_prog_get(d, 9, &p);
	TAP_OK(!strcmp(p.id, "?"), "and one past the end");
	json_object_put(d);
	d = doc("{\"syscall_path_programs\": []}");
	TAP_OK(hb_syscall_prog_count(d) == 0, "an empty list");
	json_object_put(d);
	d = doc("{\"syscall_path_programs\": \"agent\"}");
	TAP_OK(hb_syscall_prog_count(d) == 0 && hb_syscall_prog_count(NULL) == 0,
	       "not a list, or no meta.json: none");
	json_object_put(d);
}

/* A block's time per call (runs.csv) is a duration: no upper bound, never negative. */
static void test_durations(void)
{
	static const struct hb_value_rule rule[] = { { "ns_per_op", HB_VALUE_DURATION } };
	static const char *const text[] = { "ns_per_op\n1450.5\n5e9\n", "ns_per_op\n-3\n",
					     "ns_per_op\ninf\n" };
	static const char *const want[] = { "", "r.csv: malformed: line 2 has ns_per_op '-3': a negative duration",
					     "r.csv: malformed: line 2 has ns_per_op 'inf': not a finite number" };
	struct hb_csv_table t;
	char why[256];

	for (size_t i = 0; i < 3; i++) {
		why[0] = '\0';
		if (hb_csv_parse(text[i], strlen(text[i]), &t, why, sizeof(why))) {
			TAP_OK(0, "parse duration fixture %zu: %s", i, why);
			continue;
		}
		TAP_OK(hb_table_check_values(&t, "r.csv", rule, 1, why, sizeof(why)) == (i ? -EINVAL : 0),
		       "duration fixture %zu: %s", i, i ? "refused" : "a 5 s block per call is accepted");
		if (i)
			TAP_STREQ(why, want[i], "duration fixture %zu: saying why", i);
		hb_csv_free(&t);
	}
}

/* What the reader refuses: each in one line naming the file and what is wrong. */
static void test_contract(void)
{
	static const struct {
		const char *dir, *why;
	} refused[] = {
		{ "old-schema", FIXTURES "/results/old-schema/meta.json: schema_version 4, this hookbench reads 6" },
		{ "negative-count", FIXTURES "/results/negative-count/summary.csv: malformed: line 3 has "
				    "events_seen '-5': a negative count" },
		{ "huge-figure", FIXTURES "/results/huge-figure/summary.csv: malformed: line 3 has "
				 "overhead_ns_per_event '1e308': beyond any measurement (over 1e9)" },
		{ "malformed-number", FIXTURES "/results/malformed-number/summary.csv: malformed: line 2 has "
				      "overhead_ns_per_event 'fast': not a finite number" },
	};
	struct hb_results r;
	char dir[512], why[512];

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		snprintf(dir, sizeof(dir), FIXTURES "/results/%s", refused[i].dir);
		TAP_OK(hb_results_load(&r, dir, why, sizeof(why)) == -EINVAL, "%s: refused", refused[i].dir);
		TAP_STREQ(why, refused[i].why, "%s: saying why", refused[i].dir);
	}
	test_durations();
	TAP_OK(hb_results_load(&r, FIXTURES "/merge/old-vm/debian-6.1-cloud", why, sizeof(why)) == -EINVAL &&
	       strstr(why, "meta.json: no schema_version (version 1), this hookbench reads 6"),
	       "a meta.json without a version is version 1, refused: %s", why);
}

static void test_results(void)
{
	struct hb_results base, caveats;
	const struct hb_match kprobe[] = { { "hook", "kprobe" }, { NULL, NULL } };
	struct hb_estimate e;
	char why[512];

	TAP_OK(hb_results_load(&base, FIXTURES "/results/base", why, sizeof(why)) == 0 &&
	       hb_results_load(&caveats, FIXTURES "/results/caveats", why, sizeof(why)) == 0,
	       "fixture results load: %s", why);
	TAP_STREQ(hb_results_ref_payload(&base), "count", "count is the reference payload");
	TAP_OK(hb_results_find_same(&caveats, &base, 5) == 5, "a row found in another set by its identity");
	e = hb_results_estimate(&base, 0);
	TAP_OK(e.ok && e.est == 403.13 && e.low == 395.07 && e.high == 411.19, "an ok row's estimate");
	TAP_OK(!hb_results_estimate(&base, hb_results_find(&base, kprobe)).ok,
	       "an unsupported row has none");
	TAP_OK(!hb_results_estimate(&base, -1).ok, "nor does a row not found");
	TAP_STREQ(hb_jstr(base.meta, "kernel.release", "?"), "6.18.44-fc-v782", "meta.json is read");
	hb_results_free(&base);
	hb_results_free(&caveats);
}

/* summary.csv's flags column read word by word: a word inside another is not it. */
static void test_flags(void)
{
	const char *text = "hook,flags\n"
			   "tp,ratio_at_resolution;control_biased\n"
			   "kp,at_resolution\n"
			   "none,\n";
	struct hb_results r = { 0 };
	char why[256];

	TAP_OK(hb_csv_parse(text, strlen(text), &r.summary, why, sizeof(why)) == 0, "rows with flags");
	TAP_OK(hb_results_flag(&r, 0, "ratio_at_resolution") && hb_results_flag(&r, 0, "control_biased"),
	       "each word of a list is found, the last too");
	TAP_OK(!hb_results_flag(&r, 0, "at_resolution"), "at_resolution is not in ratio_at_resolution");
	TAP_OK(!hb_results_flag(&r, 0, "control"), "nor a word's prefix");
	TAP_OK(hb_results_flag(&r, 1, "at_resolution") && !hb_results_flag(&r, 1, "ratio_at_resolution"),
	       "a lone word, and not a longer one");
	TAP_OK(!hb_results_flag(&r, 2, "below_zero"), "an empty flags field holds none");
	hb_csv_free(&r.summary);
}

static void test_breakdown_odd(void)
{
	struct hb_breakdown fine = { .whole = 121.9, .dispatch = 94.8, .body = 27.4, .prog = 60.1 };
	struct hb_breakdown negative = { .whole = 118.2, .dispatch = 121.3, .body = -3.1, .prog = 95.3 };
	struct hb_breakdown over = { .whole = 100, .dispatch = 101, .body = 2, .prog = NAN };
	struct hb_breakdown every = { .whole = 264.4, .dispatch = 141, .body = 123.1, .prog = 301.2,
				      .prog_floor = NAN, .prog_beyond = NAN, .every_syscall = true };
	struct hb_breakdown partless = { .whole = 50, .dispatch = NAN, .body = NAN, .prog = 70,
					 .prog_floor = NAN, .prog_beyond = NAN };
	struct hb_breakdown floored = { .whole = 264.4, .dispatch = 141, .body = 123.1, .prog = 301.2,
					.prog_floor = 200, .prog_beyond = 101.2, .every_syscall = true };

	TAP_OK(hb_breakdown_odd(&fine) == 0, "parts within their whole: nothing to explain");
	TAP_OK(hb_breakdown_odd(&negative) == HB_ODD_BODY_NEGATIVE, "a negative body is explained once");
	TAP_OK(hb_breakdown_odd(&over) == HB_ODD_PART_OVER_WHOLE, "a dispatch above the whole, body >= 0");
	TAP_OK(hb_breakdown_odd(&every) == HB_ODD_PROG_OVER_WHOLE, "in-program time above the whole");
	TAP_OK(strstr(hb_breakdown_why(HB_ODD_PROG_OVER_WHOLE, &every), "every syscall") &&
	       !strstr(hb_breakdown_why(HB_ODD_PROG_OVER_WHOLE, &partless), "every syscall"),
	       "which says every syscall only for a hook that runs on every syscall");
	TAP_OK(!hb_breakdown_has_parts(&partless) && hb_breakdown_odd(&partless) == HB_ODD_PROG_OVER_WHOLE,
	       "a row without an empty run has no parts to judge");
	TAP_OK(hb_breakdown_odd(&floored) == 0,
	       "with the empty program's floor known, what is beyond it is judged against the whole");
}

static void test_replicates(void)
{
	const struct hb_match fentry_count[] = { { "hook", "fentry" }, { "payload", "count" }, { NULL, NULL } };
	const struct hb_match tp_count[] = { { "hook", "tracepoint" }, { "payload", "count" }, { NULL, NULL } };
	const struct hb_match tp_ringbuf[] = { { "hook", "tracepoint" }, { "payload", "ringbuf" },
					       { NULL, NULL } };
	struct hb_results rep, base;
	struct hb_estimate e;
	struct hb_breakdown b;
	size_t rows[HB_RUN_MAX_STATES];
	char why[512];
	long row;

	TAP_OK(hb_results_load(&rep, FIXTURES "/results/replicates", why, sizeof(why)) == 0 &&
	       hb_results_load(&base, FIXTURES "/results/base", why, sizeof(why)) == 0,
	       "a run with the newer columns loads, and one without: %s", why);
	TAP_OK(hb_results_is_control(&rep, 0) && !hb_results_is_control(&rep, 1), "the control row is hook none");
	TAP_STREQ(hb_results_ref_payload(&rep), "count", "the control's payload is not the reference");
	row = hb_results_find(&rep, fentry_count);
	e = hb_results_ratio(&rep, row);
	TAP_OK(e.ok && e.est == 0.29 && e.low == 0.27 && e.high == 0.31, "a ratio with its interval");
	e = hb_results_between_runs(&rep, row);
	TAP_OK(e.ok && e.est == 121.9 && e.low == 108.2 && e.high == 135.5, "the between-run interval");
	TAP_NEAR(hb_results_headline(&rep, (size_t)hb_results_find(&rep, tp_ringbuf)), 1710.3, 1e-9,
		 "a ring-buffer row leads with its total, reader included");
	TAP_NEAR(hb_results_headline(&rep, (size_t)row), 121.9, 1e-9, "others with their added cost");
	TAP_OK(hb_breakdown_available(&rep) && hb_breakdown_of(&rep, row, &b) && b.dispatch == 94.8 &&
	       b.body == 27.4 && !b.every_syscall, "a row's parts");
	TAP_OK(hb_run_speed_states(&rep) == 2, "two speed states");
	TAP_OK(hb_states_of(&rep, (size_t)hb_results_find(&rep, tp_count), rows, HB_RUN_MAX_STATES) == 2 &&
	       hb_state_num(&rep, rows[0], "state") == 1 && hb_state_num(&rep, rows[0], "baseline_ns_per_op") == 1480.3 &&
	       hb_state_num(&rep, rows[1], "share_of_run") == 0.38, "a cell's states, fastest first");

	TAP_OK(hb_results_ratio(&base, 0).ok && hb_results_ratio(&base, 0).est == 1 &&
	       !hb_results_between_runs(&base, 0).ok && hb_results_headline(&base, 0) == 403.13,
	       "the reference row: ratio 1; one replicate run: no between-run interval; the added cost leads");
	TAP_OK(!hb_breakdown_available(&base) && hb_run_speed_states(&base) == 0 && base.states.nrows == 0,
	       "no parts, no speed states, no states.csv rows");
	TAP_STREQ(hb_results_reference(&rep, tp_count), "tracepoint", "the reference hook the rows name");
	TAP_STREQ(hb_results_reference(&base, NULL), "tracepoint", "none named: the tracepoint");
	hb_results_free(&rep);
	hb_results_free(&base);
}

int main(void)
{
	test_table();
	test_rank();
	test_hyperfine_means();
	test_syscall_programs();
	test_results();
	test_contract();
	test_flags();
	test_breakdown_odd();
	test_replicates();
	return tap_done();
}
