// SPDX-License-Identifier: GPL-2.0-only
#include "fleet_check.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>


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

/* Columns this hookbench does not know that only some sources have: noted, empty in the others' rows. */
static void note_extra_columns(const struct hb_fleet_input *in, FILE *notes)
{
	for (size_t i = 0; notes && i < in->n; i++) {
		const struct hb_csv_table *t = &in->src[i].r.summary;

		for (size_t c = 0; c < t->ncols; c++)
			for (size_t j = 0; j < in->n; j++)
				if (hb_csv_col(&in->src[j].r.summary, t->header[c]) < 0)
					fprintf(notes, "hookbench: merge: note: column %s of %s/summary.csv is not in "
						"%s/summary.csv: empty in its rows\n", t->header[c], in->src[i].path,
						in->src[j].path);
	}
}

int hb_fleet_check(const struct hb_fleet_input *in, FILE *notes, char *why, size_t len)
{
	int err;

	if (!in->n) {
		snprintf(why, len, "nothing to merge: no directory has results");
		return -EINVAL;
	}
	err = check_duplicates(in, notes, why, len);
	if (!err)
		note_extra_columns(in, notes);
	return err;
}
