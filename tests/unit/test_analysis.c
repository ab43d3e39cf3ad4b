// SPDX-License-Identifier: GPL-2.0-only
/* The analysis helpers report, plot, compare and hyperfine are built on. */
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "hyperfine_export.h"
#include "json_read.h"
#include "rank.h"
#include "results.h"
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

int main(void)
{
	test_table();
	test_rank();
	test_hyperfine_means();
	test_syscall_programs();
	test_results();
	return tap_done();
}
