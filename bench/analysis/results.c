// SPDX-License-Identifier: GPL-2.0-only
#include "results.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_read.h"
#include "schema.h"

/* The figures a row may carry; each must be empty or a number (or absent: an older run). */
static const char *const numeric[] = {
	"baseline_ns_per_op", "hooked_ns_per_op", "overhead_ns_per_event", "ci95_low_ns",
	"ci95_high_ns", "prog_ns_per_run", "ratio_vs_reference", "ratio_ci95_low",
	"ratio_ci95_high", "replicates", "between_run_low_ns", "between_run_high_ns",
	"speed_states", "dispatch_ns", "body_ns", "total_ns_per_event",
};

/* What states.csv must have for its rows to be found and read. */
static const char *const states_columns[] = {
	"hook", "payload", "mode", "threads", "state", "baseline_ns_per_op", "share_of_run",
};

static int check_summary(const struct hb_results *r, char *why, size_t len)
{
	for (size_t i = 0; i < HB_SUMMARY_FIXED; i++) {
		if (hb_csv_col(&r->summary, hb_summary_columns[i]) < 0) {
			snprintf(why, len, "%.200s/summary.csv: malformed: no column %s", r->dir,
				 hb_summary_columns[i]);
			return -EINVAL;
		}
	}
	for (size_t row = 0; row < r->summary.nrows; row++) {
		for (size_t k = 0; k < sizeof(numeric) / sizeof(numeric[0]); k++) {
			const char *v = hb_results_str(r, row, numeric[k]);

			if (*v && isnan(hb_results_num(r, row, numeric[k]))) {
				snprintf(why, len, "%.200s/summary.csv: malformed: row %zu has %s '%.40s'",
					 r->dir, row + 2, numeric[k], v);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/* dir/states.csv when the run wrote one; none is no error (older runs). */
static int load_states(struct hb_results *r, char *why, size_t len)
{
	char path[PATH_MAX + 32];
	int err;

	snprintf(path, sizeof(path), "%s/states.csv", r->dir);
	err = hb_csv_load(path, &r->states, why, len);
	if (err == -ENOENT) {
		memset(&r->states, 0, sizeof(r->states));
		return 0;
	}
	if (err)
		return err;
	for (size_t i = 0; i < sizeof(states_columns) / sizeof(states_columns[0]); i++) {
		if (hb_csv_col(&r->states, states_columns[i]) < 0) {
			snprintf(why, len, "%.200s/states.csv: malformed: no column %s", r->dir,
				 states_columns[i]);
			return -EINVAL;
		}
	}
	return 0;
}

int hb_results_load(struct hb_results *r, const char *dir, char *why, size_t len)
{
	char path[PATH_MAX + 32];
	struct stat st;
	int err;

	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "%s", dir);
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
		err = check_summary(r, why, len);
	if (err) {
		if (err != -ENOENT && err != -ENOMEM)
			err = -EINVAL;
		hb_results_free(r);
		return err;
	}
	snprintf(path, sizeof(path), "%s/meta.json", dir);
	err = hb_jload(path, &r->meta, why, len);
	r->has_meta = err == 0;
	if (err && err != -ENOENT) {
		hb_results_free(r);
		return -EINVAL;
	}
	err = load_states(r, why, len);
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
	if (hb_results_has(r, "unit") && r->summary.nrows && *hb_results_str(r, 0, "unit"))
		return hb_results_str(r, 0, "unit");
	/* Before the unit column: an -icount run's "virtual ns" were guest instructions too. */
	return strncmp(hb_jstr(r->meta, "timing", "wall"), "icount", 6) ? "ns" : "guest instructions";
}

bool hb_results_one_unit(const struct hb_results *r)
{
	if (!hb_results_has(r, "unit"))
		return true;
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
	json_object_put(r->meta);
	r->meta = NULL;
	r->has_meta = false;
}
