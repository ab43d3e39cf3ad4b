// SPDX-License-Identifier: GPL-2.0-only
/* The merged meta.json: how the merge was made, and where every row came from. */
#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "fleet_merge.h"
#include "json_read.h"
#include "schema.h"
#include "version.h"

static void add_str(struct json_object *o, const char *key, const char *val)
{
	json_object_object_add(o, key, json_object_new_string(val));
}

static struct json_object *source_entry(const struct hb_fleet_source *s, size_t number)
{
	struct json_object *e = json_object_new_object();

	if (!e)
		return NULL;
	json_object_object_add(e, "source", json_object_new_int64((int64_t)number));
	add_str(e, "path", s->path);
	add_str(e, "realpath", s->real);
	add_str(e, "kind", s->vm ? "vm" : "host");
	add_str(e, "host", s->host);
	add_str(e, "arch", s->arch);
	add_str(e, "kernel", s->kernel);
	json_object_object_add(e, "schema_version", json_object_new_int(HB_SCHEMA_VERSION));
	json_object_object_add(e, "rows", json_object_new_int64((int64_t)s->r.summary.nrows));
	add_str(e, "timing", hb_jstr(s->r.meta, "timing", "wall"));
	/* The source's own meta.json, whole: the environment each row was measured in. */
	json_object_object_add(e, "meta", json_object_get(s->r.meta));
	return e;
}

/* The sources' timing when they share one, else "mixed". */
static const char *common_timing(const struct hb_fleet_input *in)
{
	const char *first = hb_jstr(in->src[0].r.meta, "timing", "wall");

	for (size_t i = 1; i < in->n; i++)
		if (strcmp(first, hb_jstr(in->src[i].r.meta, "timing", "wall")))
			return "mixed: see fleet.sources[].timing";
	return first;
}

struct json_object *hb_fleet_meta(const struct hb_fleet_input *in, const char *command_line)
{
	struct json_object *m = json_object_new_object(), *fleet = json_object_new_object();
	struct json_object *sources = json_object_new_array(), *failed = json_object_new_array();
	char date[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!m || !fleet || !sources || !failed) {
		json_object_put(m);
		json_object_put(fleet);
		json_object_put(sources);
		json_object_put(failed);
		return NULL;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	add_str(m, "tool", "hookbench");
	json_object_object_add(m, "schema_version", json_object_new_int(HB_SCHEMA_VERSION));
	add_str(m, "version", HB_VERSION);
	add_str(m, "git_revision", HB_GIT_REVISION);
	add_str(m, "date", date);
	add_str(m, "command_line", command_line);
	if (in->n)
		add_str(m, "timing", common_timing(in));
	for (size_t i = 0; i < in->n; i++)
		json_object_array_add(sources, source_entry(&in->src[i], i + 1));
	for (size_t i = 0; i < in->nfailed; i++) {
		struct json_object *f = json_object_new_object();

		add_str(f, "path", in->failed[i].path);
		add_str(f, "error", in->failed[i].why);
		json_object_array_add(failed, f);
	}
	add_str(fleet, "rows_from", "each summary.csv row's source column is the number of its "
		"entry in sources");
	json_object_object_add(fleet, "sources", sources);
	json_object_object_add(fleet, "failed", failed);
	json_object_object_add(m, "fleet", fleet);
	return m;
}
