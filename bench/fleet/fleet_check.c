// SPDX-License-Identifier: GPL-2.0-only
#include "fleet_check.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>

#include "schema.h"

static bool same_table(const struct hb_csv_table *a, const struct hb_csv_table *b)
{
	if (a->ncols != b->ncols || a->nrows != b->nrows)
		return false;
	for (size_t c = 0; c < a->ncols; c++)
		if (strcmp(a->header[c], b->header[c]))
			return false;
	for (size_t r = 0; r < a->nrows; r++)
		for (size_t c = 0; c < a->ncols; c++)
			if (strcmp(a->rows[r][c], b->rows[r][c]))
				return false;
	return true;
}

static int check_duplicates(const struct hb_fleet_input *in, FILE *notes, char *why, size_t len)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct hb_fleet_source *a = &in->src[i];

		for (size_t j = i + 1; j < in->n; j++) {
			const struct hb_fleet_source *b = &in->src[j];

			if (!strcmp(a->real, b->real)) {
				snprintf(why, len, "%.300s and %.300s are the same directory (%.300s): give it once",
					 a->path, b->path, a->real);
				return -EINVAL;
			}
			if (same_table(&a->r.summary, &b->r.summary) && json_object_equal(a->r.meta, b->r.meta)) {
				snprintf(why, len, "%.300s and %.300s hold the same run (equal summary.csv and "
					 "meta.json: one directory collected twice?): give it once", a->path, b->path);
				return -EINVAL;
			}
			if (notes && !strcmp(a->host, b->host) && !strcmp(a->arch, b->arch) &&
			    !strcmp(a->kernel, b->kernel))
				fprintf(notes, "hookbench: merge: note: %s and %s both ran %s on %s (%s): both kept, "
					"told apart by the source column\n", a->path, b->path, a->kernel, a->host, a->arch);
		}
	}
	return 0;
}

static int check_versions(const struct hb_fleet_input *in, char *why, size_t len)
{
	size_t used;
	bool mixed = false;

	for (size_t i = 0; i < in->n; i++) {
		if (in->src[i].schema > HB_SCHEMA_VERSION) {
			snprintf(why, len, "%.300s was written by a newer hookbench (schema version %d; this one "
				 "reads up to %d)", in->src[i].path, in->src[i].schema, HB_SCHEMA_VERSION);
			return -EINVAL;
		}
		mixed |= in->src[i].schema != in->src[0].schema;
	}
	if (!mixed)
		return 0;
	used = (size_t)snprintf(why, len, "mixed schema versions:");
	for (size_t i = 0; i < in->n && used < len; i++)
		used += (size_t)snprintf(why + used, len - used, "%s %s (version %d)", i ? "," : "",
					 in->src[i].path, in->src[i].schema);
	if (used < len)
		snprintf(why + used, len - used, "; merge directories of one version (run the older "
			 "ones again with this hookbench, or merge each version apart)");
	return -EINVAL;
}

static bool known_column(const char *col)
{
	for (size_t k = 0; k < hb_summary_ncolumns; k++)
		if (!strcmp(hb_summary_columns[k], col))
			return true;
	return false;
}

static int check_columns(const struct hb_fleet_input *in, FILE *notes, char *why, size_t len)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct hb_fleet_source *s = &in->src[i];

		for (size_t k = 0; s->schema == HB_SCHEMA_VERSION && k < hb_summary_ncolumns; k++) {
			if (!hb_results_has(&s->r, hb_summary_columns[k])) {
				snprintf(why, len, "%.300s/summary.csv has no column %s, which schema version %d "
					 "has (a cut or edited file?)", s->path, hb_summary_columns[k], s->schema);
				return -EINVAL;
			}
		}
	}
	for (size_t i = 0; i < in->n; i++) {
		const struct hb_csv_table *t = &in->src[i].r.summary;

		for (size_t c = 0; c < t->ncols; c++) {
			for (size_t j = 0; j < in->n; j++) {
				const struct hb_fleet_source *other = &in->src[j];

				if (hb_results_has(&other->r, t->header[c]))
					continue;
				if (known_column(t->header[c])) {
					snprintf(why, len, "%.300s/summary.csv has no column %s, which %.300s/summary.csv "
						 "has (both schema version %d)", other->path, t->header[c],
						 in->src[i].path, other->schema);
					return -EINVAL;
				}
				if (notes)
					fprintf(notes, "hookbench: merge: note: column %s of %s/summary.csv is not in "
						"%s/summary.csv: empty in its rows\n", t->header[c], in->src[i].path,
						other->path);
			}
		}
	}
	return 0;
}

int hb_fleet_check(const struct hb_fleet_input *in, FILE *notes, char *why, size_t len)
{
	int err;

	if (!in->n) {
		snprintf(why, len, "nothing to merge: no directory has results");
		return -EINVAL;
	}
	err = check_versions(in, why, len);
	if (!err)
		err = check_duplicates(in, notes, why, len);
	if (!err)
		err = check_columns(in, notes, why, len);
	return err;
}
