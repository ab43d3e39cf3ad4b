// SPDX-License-Identifier: GPL-2.0-only
/* The blocks chart: every block of one row in run order, with the run's speed states. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "json_read.h"
#include "plot_parts.h"
#include "run_states.h"

#define STATE_VARS 1024

static void write_blocks(const struct plot_ctx *p, FILE *f, const struct hb_csv_table *runs,
			 const char *hook, const char *col)
{
	for (int pass = 0; pass < 2; pass++) {
		const char *kind = pass ? "hooked" : "baseline";
		const struct hb_match m[] = { { "hook", hook }, { "payload", p->ref_payload },
					      { "mode", p->mode }, { "threads", p->threads },
					      { "kind", kind }, { NULL, NULL } };

		fprintf(f, "%s# %s\n", pass ? "\n\n" : "", kind);
		for (long i = hb_table_find(runs, 0, m); i >= 0; i = hb_table_find(runs, (size_t)i + 1, m))
			fprintf(f, "%ld %s\n", i, hb_table_str(runs, (size_t)i, col));
	}
}

/* Append "; VAR='v1 v2 ...'" to buf: a gnuplot word list of col (times scale), a word per state. */
static size_t state_words(const struct hb_results *r, const size_t *rows, size_t n, const char *var,
			  const char *col, double scale, int decimals, char *buf, size_t used)
{
	used += (size_t)snprintf(buf + used, STATE_VARS - used, "; %s='", var);
	for (size_t k = 0; k < n && used < STATE_VARS; k++)
		used += (size_t)snprintf(buf + used, STATE_VARS - used, "%s%.*f", k ? " " : "", decimals,
					 scale * hb_state_num(r, rows[k], col));
	if (used < STATE_VARS)
		used += (size_t)snprintf(buf + used, STATE_VARS - used, "'");
	return used < STATE_VARS ? used : STATE_VARS - 1;
}

/*
 * The gnuplot variables blocks.gp draws the states from: nstates and, per
 * state, its baseline band, share of the run and the row's added cost there.
 */
static void state_vars(const struct plot_ctx *p, long row, char *buf)
{
	size_t rows[HB_RUN_MAX_STATES], n = row < 0 ? 0 : hb_states_of(p->r, (size_t)row, rows, HB_RUN_MAX_STATES);
	size_t used = (size_t)snprintf(buf, STATE_VARS, "nstates=%zu", n);

	if (!n)
		return;
	used = state_words(p->r, rows, n, "state_low", "baseline_low_ns_per_op", 1, 1, buf, used);
	used = state_words(p->r, rows, n, "state_high", "baseline_high_ns_per_op", 1, 1, buf, used);
	used = state_words(p->r, rows, n, "state_share", "share_of_run", 100, 0, buf, used);
	state_words(p->r, rows, n, "state_added", "overhead_ns_per_event", 1, 1, buf, used);
}

int plot_blocks(const struct plot_ctx *p)
{
	const char *clock = hb_jstr(p->r->meta, "settings.clock", "cpu");
	const char *col = strcmp(clock, "wall") ? "cpu_ns_per_op" : "ns_per_op";
	char path[PATH_MAX + 32], why[256], extra[STATE_VARS + 64], states[STATE_VARS], what[256];
	struct hb_csv_table runs;
	const char *hook = NULL;
	FILE *f;
	int err;

	for (size_t h = 0; h < p->hooks.n && !hook; h++)
		if (plot_bar(p, p->hooks.v[h], p->ref_payload).ok)
			hook = p->hooks.v[h];
	if (!hook)
		return 0;
	snprintf(path, sizeof(path), "%s/runs.csv", p->r->dir);
	if (hb_csv_load(path, &runs, why, sizeof(why)))
		return 0;
	f = plot_open_dat(p, "blocks");
	if (!f) {
		err = -errno;
		goto cleanup;
	}
	write_blocks(p, f, &runs, hook, col);
	err = fclose(f) ? -errno : 0;
	snprintf(what, sizeof(what), "Blocks of %s / %s / %s / %s thread(s), every one incl. warm-up",
		 hook, p->ref_payload, p->mode, p->threads);
	state_vars(p, plot_bar_row(p, hook, p->ref_payload), states);
	snprintf(extra, sizeof(extra), "clock='%s'; %s", clock, states);
	if (!err)
		err = plot_gnuplot(p, "blocks", extra, what);
cleanup:
	hb_csv_free(&runs);
	return err;
}
