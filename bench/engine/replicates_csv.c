// SPDX-License-Identifier: GPL-2.0-only
#include "replicates_csv.h"

#include <errno.h>

#include "csv.h"

static const char *const columns[] = {
	"hook", "payload", "mode", "threads", "figure", "replicate", "estimate", "unit",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static void write_rows(FILE *f, const struct hb_cell *c, const char *figure,
		       const struct hb_replicates *r, const char *unit)
{
	char fields[NCOLUMNS][64];
	const char *ptrs[NCOLUMNS];

	for (size_t i = 0; i < r->k; i++) {
		snprintf(fields[0], 64, "%s", c->hook->name);
		snprintf(fields[1], 64, "%s", hb_cell_payload_name(c));
		snprintf(fields[2], 64, "%s", storm_mode_names[c->mode]);
		snprintf(fields[3], 64, "%u", c->threads);
		snprintf(fields[4], 64, "%s", figure);
		snprintf(fields[5], 64, "%zu", i + 1);
		hb_csv_number(fields[6], 64, r->estimate[i], 6);
		snprintf(fields[7], 64, "%s", unit);
		for (size_t k = 0; k < NCOLUMNS; k++)
			ptrs[k] = fields[k];
		hb_csv_row(f, ptrs, NCOLUMNS);
	}
}

int hb_replicates_csv_write(FILE *f, const struct hb_matrix *m, const struct hb_figures *figs,
			    const char *unit)
{
	hb_csv_row(f, columns, NCOLUMNS);
	for (size_t i = 0; i < m->n; i++) {
		const struct hb_cell_figures *cf = &figs->cell[i];

		write_rows(f, &m->cells[i], "overhead", &cf->overhead.replicates, unit);
		if (cf->ratio.known && !cf->ratio.is_reference)
			write_rows(f, &m->cells[i], "ratio", &cf->ratio.replicates, "ratio");
	}
	return ferror(f) ? -EIO : 0;
}
