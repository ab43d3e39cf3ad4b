// SPDX-License-Identifier: GPL-2.0-only
#include "results.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hooks.h"
#include "json_read.h"
#include "schema.h"

/* The numbers of summary.csv a reader uses, and what each may hold. */
static const struct hb_value_rule summary_values[] = {
	{ "threads", HB_VALUE_COUNT },
	{ "blocks", HB_VALUE_COUNT },
	{ "ops_per_block", HB_VALUE_COUNT },
	{ "events_expected", HB_VALUE_COUNT },
	{ "events_seen", HB_VALUE_COUNT },
	{ "baseline_ns_per_op", HB_VALUE_FIGURE },
	{ "hooked_ns_per_op", HB_VALUE_FIGURE },
	{ "overhead_ns_per_event", HB_VALUE_FIGURE },
	{ "ci95_low_ns", HB_VALUE_FIGURE },
	{ "ci95_high_ns", HB_VALUE_FIGURE },
	{ "prog_ns_per_run", HB_VALUE_FIGURE },
	{ "nmissed", HB_VALUE_COUNT },
	{ "recursion_misses", HB_VALUE_COUNT },
	{ "ci_level", HB_VALUE_SHARE },
	{ "capture_errors", HB_VALUE_COUNT },
	{ "events_while_detached", HB_VALUE_COUNT },
	{ "attach_us_median", HB_VALUE_FIGURE },
	{ "ringbuf_drops", HB_VALUE_COUNT },
	{ "consumer_ns_per_event", HB_VALUE_FIGURE },
	{ "ratio_vs_reference", HB_VALUE_FIGURE },
	{ "ratio_between_run_low", HB_VALUE_FIGURE },
	{ "ratio_between_run_high", HB_VALUE_FIGURE },
	{ "ratio_earlier_runs", HB_VALUE_COUNT },
	{ "replicates", HB_VALUE_COUNT },
	{ "between_run_low_ns", HB_VALUE_FIGURE },
	{ "between_run_high_ns", HB_VALUE_FIGURE },
	{ "earlier_runs", HB_VALUE_COUNT },
	{ "speed_states", HB_VALUE_COUNT },
	{ "dispatch_ns", HB_VALUE_FIGURE },
	{ "body_ns", HB_VALUE_FIGURE },
	{ "total_ns_per_event", HB_VALUE_FIGURE },
	{ "foreign_programs", HB_VALUE_COUNT },
};

/* The same for states.csv. */
static const struct hb_value_rule states_values[] = {
	{ "threads", HB_VALUE_COUNT },
	{ "state", HB_VALUE_COUNT },
	{ "headline", HB_VALUE_COUNT },
	{ "visits", HB_VALUE_COUNT },
	{ "share_of_run", HB_VALUE_SHARE },
	{ "baseline_ns_per_op", HB_VALUE_FIGURE },
	{ "baseline_low_ns_per_op", HB_VALUE_FIGURE },
	{ "baseline_high_ns_per_op", HB_VALUE_FIGURE },
	{ "overhead_ns_per_event", HB_VALUE_FIGURE },
	{ "ci95_low_ns", HB_VALUE_FIGURE },
	{ "ci95_high_ns", HB_VALUE_FIGURE },
};

/* The same for runs.csv: a block's totals are counts (ns, events, runs), its per-op times figures. */
static const struct hb_value_rule runs_values[] = {
	{ "round", HB_VALUE_COUNT },
	{ "warmup", HB_VALUE_COUNT },
	{ "threads", HB_VALUE_COUNT },
	{ "position", HB_VALUE_COUNT },
	{ "ops", HB_VALUE_COUNT },
	{ "elapsed_ns", HB_VALUE_COUNT },
	{ "ns_per_op", HB_VALUE_DURATION },
	{ "events", HB_VALUE_COUNT },
	{ "attach_ns", HB_VALUE_COUNT },
	{ "detach_ns", HB_VALUE_COUNT },
	{ "run_cnt", HB_VALUE_COUNT },
	{ "run_time_ns", HB_VALUE_COUNT },
	{ "cpu_ns", HB_VALUE_COUNT },
	{ "cpu_ns_per_op", HB_VALUE_DURATION },
	{ "ringbuf_records", HB_VALUE_COUNT },
	{ "ringbuf_drops", HB_VALUE_COUNT },
	{ "consumer_cpu_ns", HB_VALUE_COUNT },
	{ "load", HB_VALUE_COUNT },
};

/* The same for hyperfine.csv (hookbench hyperfine): whole-command seconds, per-op figures. */
static const struct hb_value_rule hyperfine_values[] = {
	{ "iterations", HB_VALUE_COUNT },
	{ "runs", HB_VALUE_COUNT },
	{ "rounds", HB_VALUE_COUNT },
	{ "loader_cmd_s", HB_VALUE_FIGURE },
	{ "loader_true_s", HB_VALUE_FIGURE },
	{ "bare_cmd_s", HB_VALUE_FIGURE },
	{ "bare_true_s", HB_VALUE_FIGURE },
	{ "ns_per_op", HB_VALUE_FIGURE },
	{ "ci95_low_ns", HB_VALUE_FIGURE },
	{ "ci95_high_ns", HB_VALUE_FIGURE },
	{ "paired_ns", HB_VALUE_FIGURE },
	{ "paired_ci95_low_ns", HB_VALUE_FIGURE },
	{ "paired_ci95_high_ns", HB_VALUE_FIGURE },
	{ "paired_between_low_ns", HB_VALUE_FIGURE },
	{ "paired_between_high_ns", HB_VALUE_FIGURE },
	{ "loader_outside_s", HB_VALUE_FIGURE },
	{ "bare_ns_per_op", HB_VALUE_DURATION },
	{ "state_ns_per_op", HB_VALUE_DURATION },
	{ "rounds_kept", HB_VALUE_COUNT },
	{ "rounds_slower", HB_VALUE_COUNT },
};

/* What states.csv must have for its rows to be found and read. */
static const char *const states_columns[] = {
	"hook", "payload", "mode", "threads", "state", "headline", "baseline_ns_per_op",
	"share_of_run", "unit",
};

/* coverage.csv and blocking.csv: the columns a reader needs, and coverage's counts. */
static const char *const coverage_columns[] = { "hook", "path", "outcome", "seen", "expected", "reason" };
static const char *const blocking_columns[] = { "hook", "can_block", "detail" };
static const struct hb_value_rule coverage_values[] = {
	{ "seen", HB_VALUE_COUNT },
	{ "expected", HB_VALUE_COUNT },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* meta.json must state this hookbench's schema version: the one contract it reads. */
static int check_schema(const struct hb_results *r, char *why, size_t len)
{
	struct json_object *v = hb_jget(r->meta, "schema_version");

	if (!v) {
		snprintf(why, len, "%.300s/meta.json: no schema_version (version 1), this hookbench reads %d",
			 r->dir, HB_SCHEMA_VERSION);
		return -EINVAL;
	}
	if (!json_object_is_type(v, json_type_int)) {
		snprintf(why, len, "%.300s/meta.json: schema_version '%.40s' is not a version, this hookbench "
			 "reads %d", r->dir, json_object_to_json_string(v), HB_SCHEMA_VERSION);
		return -EINVAL;
	}
	if (json_object_get_int64(v) != HB_SCHEMA_VERSION) {
		snprintf(why, len, "%.300s/meta.json: schema_version %lld, this hookbench reads %d", r->dir,
			 (long long)json_object_get_int64(v), HB_SCHEMA_VERSION);
		return -EINVAL;
	}
	return 0;
}

static int check_summary(const struct hb_results *r, char *why, size_t len)
{
	char path[PATH_MAX + 32];

	for (size_t i = 0; i < hb_summary_ncolumns; i++) {
		if (hb_csv_col(&r->summary, hb_summary_columns[i]) < 0) {
			snprintf(why, len, "%.200s/summary.csv: malformed: no column %s", r->dir,
				 hb_summary_columns[i]);
			return -EINVAL;
		}
	}
	snprintf(path, sizeof(path), "%s/summary.csv", r->dir);
	return hb_table_check_values(&r->summary, path, summary_values, COUNT(summary_values), why, len);
}

/* dir/states.csv: every run writes one; a merged fleet has none. */
static int load_states(struct hb_results *r, char *why, size_t len)
{
	char path[PATH_MAX + 32];
	int err;

	if (hb_jget(r->meta, "fleet"))
		return 0;
	snprintf(path, sizeof(path), "%s/states.csv", r->dir);
	err = hb_csv_load(path, &r->states, why, len);
	if (err)
		return err;
	for (size_t i = 0; i < COUNT(states_columns); i++) {
		if (hb_csv_col(&r->states, states_columns[i]) < 0) {
			snprintf(why, len, "%.200s/states.csv: malformed: no column %s", r->dir,
				 states_columns[i]);
			return -EINVAL;
		}
	}
	return hb_table_check_values(&r->states, path, states_values, COUNT(states_values), why, len);
}

/* dir/name into t when it is there (t stays empty when not), with its columns and values checked. */
static int load_if_there(const struct hb_results *r, const char *name, struct hb_csv_table *t,
			 const char *const *cols, size_t ncols, const struct hb_value_rule *rules,
			 size_t nrules, char *why, size_t len)
{
	char path[PATH_MAX + 32];
	int err;

	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	err = hb_csv_load(path, t, why, len);
	if (err == -ENOENT) {
		memset(t, 0, sizeof(*t));
		return 0;
	}
	if (err)
		return err;
	for (size_t i = 0; i < ncols; i++) {
		if (hb_csv_col(t, cols[i]) < 0) {
			snprintf(why, len, "%.200s/%s: malformed: no column %s", r->dir, name, cols[i]);
			return -EINVAL;
		}
	}
	return hb_table_check_values(t, path, rules, nrules, why, len);
}

/*
 * dir/name, checked and let go when it is there: runs.csv (only the blocks
 * chart reads it again; a report needs no blocks) and hyperfine.csv (only
 * when `hookbench hyperfine` ran), so a directory without them still loads.
 */
static int check_optional(const struct hb_results *r, const char *name,
			  const struct hb_value_rule *rules, size_t nrules, char *why, size_t len)
{
	struct hb_csv_table t;
	char path[PATH_MAX + 32];
	int err;

	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	err = hb_csv_load(path, &t, why, len);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	err = hb_table_check_values(&t, path, rules, nrules, why, len);
	hb_csv_free(&t);
	return err;
}

/* dir/meta.json, which every results directory has. */
static int load_meta(struct hb_results *r, char *why, size_t len)
{
	char path[PATH_MAX + 32];
	int err;

	snprintf(path, sizeof(path), "%s/meta.json", r->dir);
	err = hb_jload(path, &r->meta, why, len);
	if (err == -ENOENT)
		snprintf(why, len, "%.300s: no meta.json (not the directory of a run, a guest's run or a "
			 "merged fleet)", r->dir);
	if (!err && !json_object_is_type(r->meta, json_type_object)) {
		snprintf(why, len, "%.300s/meta.json: malformed: not a JSON object", r->dir);
		err = -EINVAL;
	}
	return err ? err : check_schema(r, why, len);
}

int hb_results_load(struct hb_results *r, const char *dir, char *why, size_t len)
{
	char path[PATH_MAX + 32];
	struct stat st;
	int err;

	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "%s", dir);
	r->share.value = HB_SHARE_DEFAULT;
	snprintf(r->share.source, sizeof(r->share.source), "the default");
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(why, len, "%s: no such results directory", dir);
		return -ENOENT;
	}
	snprintf(path, sizeof(path), "%s/summary.csv", dir);
	err = hb_csv_load(path, &r->summary, why, len);
	if (err == -ENOENT) {
		snprintf(why, len, "%s: no summary.csv (not a hookbench results directory)", dir);
		return err;
	}
	if (!err)
		err = load_meta(r, why, len);
	if (!err)
		err = check_summary(r, why, len);
	if (!err)
		err = load_states(r, why, len);
	if (!err)
		err = check_optional(r, "runs.csv", runs_values, COUNT(runs_values), why, len);
	if (!err)
		err = check_optional(r, "hyperfine.csv", hyperfine_values, COUNT(hyperfine_values), why, len);
	if (!err)
		err = load_if_there(r, "coverage.csv", &r->coverage, coverage_columns, COUNT(coverage_columns),
				    coverage_values, COUNT(coverage_values), why, len);
	if (!err)
		err = load_if_there(r, "blocking.csv", &r->blocking, blocking_columns, COUNT(blocking_columns),
				    NULL, 0, why, len);
	if (err) {
		hb_results_free(r);
		return err == -ENOMEM ? err : -EINVAL;
	}
	return 0;
}

const char *hb_results_str(const struct hb_results *r, size_t row, const char *col)
{
	return hb_table_str(&r->summary, row, col);
}

double hb_results_num(const struct hb_results *r, size_t row, const char *col)
{
	return hb_table_num(&r->summary, row, col);
}

bool hb_results_ok(const struct hb_results *r, size_t row)
{
	return !strcmp(hb_results_str(r, row, "status"), "ok");
}

long hb_results_find(const struct hb_results *r, const struct hb_match *m)
{
	return hb_table_find(&r->summary, 0, m);
}

const char *hb_results_reference(const struct hb_results *r, const struct hb_match *m)
{
	static const struct hb_match every[] = { { NULL, NULL } };

	for (long i = hb_results_find(r, m ? m : every); i >= 0;
	     i = hb_table_find(&r->summary, (size_t)i + 1, m ? m : every))
		if (*hb_results_str(r, (size_t)i, "reference_hook"))
			return hb_results_str(r, (size_t)i, "reference_hook");
	return hb_hooks[HB_HOOK_TRACEPOINT].name;
}

long hb_results_find_same(const struct hb_results *r, const struct hb_results *other, size_t row)
{
	static const char *const identity[] = { "hook", "payload", "mode", "threads" };
	struct hb_match m[5] = { { NULL, NULL } };

	for (size_t i = 0; i < 4; i++)
		m[i] = (struct hb_match){ identity[i], hb_results_str(other, row, identity[i]) };
	return hb_results_find(r, m);
}

void hb_results_key(const struct hb_results *r, size_t row, char *buf, size_t len)
{
	const char *threads = hb_results_str(r, row, "threads");

	snprintf(buf, len, "%s/%s/%s/%st", hb_results_str(r, row, "hook"),
		 hb_results_str(r, row, "payload"), hb_results_str(r, row, "mode"),
		 *threads ? threads : "1");
}

const char *hb_results_unit(const struct hb_results *r)
{
	if (r->summary.nrows && *hb_results_str(r, 0, "unit"))
		return hb_results_str(r, 0, "unit");
	return hb_jstr(r->meta, "unit", "ns");
}

bool hb_results_one_unit(const struct hb_results *r)
{
	for (size_t i = 1; i < r->summary.nrows; i++)
		if (strcmp(hb_results_str(r, i, "unit"), hb_results_str(r, 0, "unit")))
			return false;
	return true;
}

const char *hb_results_unit_short(const struct hb_results *r)
{
	const char *unit = hb_results_unit(r);

	return strcmp(unit, "guest instructions") ? unit : "guest instr.";
}

const char *hb_results_ref_payload(const struct hb_results *r)
{
	const struct hb_match count[] = { { "payload", "count" }, { NULL, NULL } };

	if (hb_results_find(r, count) >= 0)
		return "count";
	for (size_t i = 0; i < r->summary.nrows; i++)
		if (!hb_results_is_control(r, i))
			return hb_results_str(r, i, "payload");
	return "count";
}

void hb_results_free(struct hb_results *r)
{
	hb_csv_free(&r->summary);
	hb_csv_free(&r->states);
	hb_csv_free(&r->coverage);
	hb_csv_free(&r->blocking);
	json_object_put(r->meta);
	r->meta = NULL;
}
