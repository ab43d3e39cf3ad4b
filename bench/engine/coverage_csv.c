// SPDX-License-Identifier: GPL-2.0-only
/* coverage.csv, blocking.csv and the coverage table on stdout. */
#include "coverage.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "csv.h"

int hb_coverage_csv_write(FILE *f, const struct hb_coverage *c)
{
	static const char *const header[] = { "hook", "path", "outcome", "seen", "expected", "reason" };

	hb_csv_row(f, header, 6);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct hb_coverage_row *r = &c->rows[i];
		char seen[24] = "", expected[24] = "";
		const char *row[6];

		if (!r->reason[0]) {
			snprintf(seen, sizeof(seen), "%" PRIu64, r->seen);
			snprintf(expected, sizeof(expected), "%" PRIu64, r->expected);
		}
		row[0] = r->hook->name;
		row[1] = hb_removal_path_names[r->path];
		row[2] = hb_removal_outcome_names[r->outcome];
		row[3] = seen;
		row[4] = expected;
		row[5] = r->reason;
		hb_csv_row(f, row, 6);
	}
	return ferror(f) ? -EIO : 0;
}

static void cell(const struct hb_coverage_row *r, char *buf, size_t len)
{
	if (r->reason[0])
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%" PRIu64 "/%" PRIu64, r->seen, r->expected);
}

void hb_coverage_print(FILE *f, const struct hb_coverage *c)
{
	fprintf(f, "%-16s %-22s %-9s %-9s %s\n", "hook", "path", "removed", "enoent",
		"(seen/calls; - not made here)");
	/* Rows come in pairs: removed, then enoent, of one hook and path. */
	for (size_t i = 0; i + 1 < c->nrows; i += 2) {
		char removed[48], enoent[48];

		cell(&c->rows[i], removed, sizeof(removed));
		cell(&c->rows[i + 1], enoent, sizeof(enoent));
		fprintf(f, "%-16s %-22s %-9s %-9s %s\n", c->rows[i].hook->name,
			hb_removal_path_names[c->rows[i].path], removed, enoent, c->rows[i].reason);
	}
	for (size_t i = 0; i < c->nhooks; i++)
		if (!c->hooks[i].ran)
			fprintf(f, "%-16s not run here: %s\n", c->hooks[i].hook->name, c->hooks[i].reason);
	for (size_t i = 0; i < c->nhooks; i++)
		fprintf(f, "%-16s can block: %s (%s)\n", c->hooks[i].hook->name,
			hb_can_block_name(c->hooks[i].proof.can_block), c->hooks[i].proof.detail);
}

int hb_blocking_csv_write(FILE *f, const struct hb_coverage *c)
{
	static const char *const header[] = { "hook", "can_block", "detail" };

	hb_csv_row(f, header, 3);
	for (size_t i = 0; i < c->nhooks; i++) {
		const struct hb_coverage_hook *h = &c->hooks[i];
		const char *row[] = { h->hook->name, hb_can_block_name(h->proof.can_block), h->proof.detail };

		hb_csv_row(f, row, 3);
	}
	return ferror(f) ? -EIO : 0;
}
