// SPDX-License-Identifier: GPL-2.0-only
#include "report.h"

#include <math.h>
#include <unistd.h>

#include "json.h"

/* Per op per thread: elapsed / (ops / threads). NaN when nothing ran. */
static double ns_per_op(const struct storm_opts *o, const struct storm_run *r)
{
	if (!r->ops)
		return NAN;
	return (double)r->elapsed_ns * o->threads / (double)r->ops;
}

void storm_report_line(FILE *f, const char *prefix, const struct storm_opts *o,
		       const struct storm_run *r)
{
	double ns = ns_per_op(o, r);

	fprintf(f, "unlink-storm: %s%s, %u thread%s, %llu ops in %.3f s, ",
		prefix, storm_mode_names[o->mode], o->threads,
		o->threads == 1 ? "" : "s", (unsigned long long)r->ops,
		(double)r->elapsed_ns / 1e9);
	if (isnan(ns))
		fputs("n/a ns/op\n", f);
	else
		fprintf(f, "%.1f ns/op\n", ns);
}

void storm_report_json(FILE *f, const struct storm_opts *o,
		       const struct storm_run *r, const struct storm_scratch *s)
{
	struct hb_json j;

	hb_json_init(&j, f, false);
	hb_json_object_begin(&j, NULL);
	hb_json_string(&j, "tool", "unlink-storm");
	hb_json_string(&j, "mode", storm_mode_names[o->mode]);
	hb_json_string(&j, "syscall", storm_mode_unlinks(o->mode) ? "unlinkat" : "getppid");
	hb_json_u64(&j, "threads", o->threads);
	if (o->duration_s > 0) {
		hb_json_null(&j, "iterations");
		hb_json_double(&j, "duration_s", o->duration_s);
	} else {
		hb_json_u64(&j, "iterations", o->iterations);
		hb_json_null(&j, "duration_s");
	}
	hb_json_array_begin(&j, "cpus");
	for (size_t i = 0; i < o->ncpus; i++)
		hb_json_u64(&j, NULL, o->cpus[i]);
	hb_json_array_end(&j);
	hb_json_u64(&j, "ops", r->ops);
	hb_json_array_begin(&j, "thread_ops");
	for (unsigned i = 0; i < o->threads; i++)
		hb_json_u64(&j, NULL, r->thread_ops[i]);
	hb_json_array_end(&j);
	hb_json_u64(&j, "elapsed_ns", r->elapsed_ns);
	hb_json_double(&j, "ns_per_op", ns_per_op(o, r));
	hb_json_i64(&j, "pid", getpid());
	hb_json_string(&j, "scratch_dir", s->path);
	if (o->mode == STORM_MODE_CREATE || o->mode == STORM_MODE_CHURN)
		hb_json_string(&j, "create_name", STORM_CREATE_NAME);
	else if (o->mode == STORM_MODE_ENOENT)
		hb_json_string(&j, "enoent_name", STORM_ENOENT_NAME);
	hb_json_object_end(&j);
	fputc('\n', f);
}
