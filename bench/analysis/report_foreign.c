// SPDX-License-Identifier: GPL-2.0-only
/* Caveats of report.md: others' BPF programs where the run measured, and a concurrent measurement. */
#include <json-c/json.h>
#include <string.h>

#include "json_read.h"
#include "report_parts.h"

static size_t count(struct json_object *list)
{
	return json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;
}

/* "id 12, tracepoint `hb_tracepoint` at `tracepoint:...` (pid 34, tp-loader)" */
static void describe(FILE *f, struct json_object *p)
{
	struct json_object *pid = hb_jget(p, "pid");

	fprintf(f, "id %.0f, ", hb_jnum(p, "id", -1));
	report_cell(f, hb_jstr(p, "type", "?"));
	fputs(" `", f);
	report_cell(f, hb_jstr(p, "name", "?"));
	fputs("` at `", f);
	report_cell(f, hb_jstr(p, "attach", "?"));
	fputc('`', f);
	if (json_object_is_type(pid, json_type_int)) {
		fprintf(f, " (pid %lld, ", (long long)json_object_get_int64(pid));
		report_cell(f, hb_jstr(p, "comm", "?"));
		fputc(')', f);
	} else {
		fputs(" (owner unknown)", f);
	}
}

static bool there_before(const struct report *rp)
{
	struct json_object *list = hb_jget(rp->r->meta, "foreign_programs");
	size_t n = count(list);
	FILE *f = rp->f;

	if (!n)
		return false;
	fprintf(f, "- **Foreign BPF programs** (`--allow-foreign`): %zu program%s not started by this "
		"run %s attached where it measures: ", n, n == 1 ? "" : "s", n == 1 ? "was" : "were");
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "; " : "", f);
		describe(f, json_object_array_get_idx(list, i));
	}
	fprintf(f, ". Every figure is a marginal cost: what each hook adds on top of %s, not to an "
		"otherwise bare syscall.\n", n == 1 ? "it" : "them");
	return true;
}

static bool came_mid_run(const struct report *rp)
{
	struct json_object *list = hb_jget(rp->r->meta, "foreign_programs_mid_run");
	size_t n = count(list);
	FILE *f = rp->f;

	for (size_t i = 0; i < n; i++) {
		struct json_object *p = json_object_array_get_idx(list, i);

		fputs("- **Contaminated**: a BPF program not started by this run appeared mid-run: ", f);
		describe(f, p);
		fprintf(f, ", first seen %s, before round %.0f; ", hb_jstr(p, "first_seen", "?"),
			hb_jnum(p, "first_seen_before_round", -1));
		if (json_object_is_type(hb_jget(p, "rounds_from"), json_type_int))
			fprintf(f, "the rows measured in rounds %.0f-%.0f (runs.csv's round) are "
				"`contaminated`.\n", hb_jnum(p, "rounds_from", -1), hb_jnum(p, "rounds_to", -1));
		else
			fputs("it was there in warm-up rounds only, which are not counted.\n", f);
	}
	return n > 0;
}

static bool concurrent(const struct report *rp)
{
	struct json_object *holder = hb_jget(rp->r->meta, "concurrent_holder");

	if (!json_object_is_type(holder, json_type_object))
		return false;
	fprintf(rp->f, "- **Another measurement ran meanwhile** (`--allow-concurrent`): PID %.0f held "
		"the measurement lock (`", hb_jnum(holder, "pid", -1));
	report_cell(rp->f, hb_jstr(holder, "command", "?"));
	fputs("`); each run's figures may include the other's work and programs.\n", rp->f);
	return true;
}

bool report_foreign_caveat(const struct report *rp)
{
	bool any = there_before(rp);

	any |= came_mid_run(rp);
	any |= concurrent(rp);
	return any;
}
