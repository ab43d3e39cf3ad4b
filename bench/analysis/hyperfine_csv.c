// SPDX-License-Identifier: GPL-2.0-only
/* hyperfine.csv: per loader, the rounds' median and interval beside the paired estimate. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crosscheck_rule.h"
#include "csv.h"
#include "hyperfine_parts.h"
#include "results.h"
#include "stats.h"

static const char *const header[] = {
	"loader", "hook", "status", "iterations", "runs", "loader_cmd_s", "loader_true_s",
	"bare_cmd_s", "bare_true_s", "ns_per_op", "ci95_low_ns", "ci95_high_ns", "paired_ns",
	"paired_ci95_low_ns", "paired_ci95_high_ns", "agree", "rounds",
};
#define NCOL (sizeof(header) / sizeof(header[0]))

struct line {
	char field[NCOL][48];
};

/* Set the field of column col (one of header[]). */
__attribute__((format(printf, 3, 4)))
static void put(struct line *line, const char *col, const char *fmt, ...)
{
	va_list ap;

	for (size_t k = 0; k < NCOL; k++) {
		if (strcmp(header[k], col))
			continue;
		va_start(ap, fmt);
		vsnprintf(line->field[k], sizeof(line->field[k]), fmt, ap);
		va_end(ap);
	}
}

/* Median over the rounds of command c's mean time. */
static double median_mean(const struct hf_data *d, size_t c, double *scratch)
{
	memcpy(scratch, d->mean[c], d->rounds * sizeof(double));
	return hb_median(scratch, d->rounds);
}

/* The paired estimate of summary.csv for hook: count payload, enoent, 1 thread. */
static struct hb_estimate paired_of(const struct hb_results *r, const char *hook)
{
	const struct hb_match m[] = { { "hook", hook }, { "payload", "count" }, { "mode", "enoent" },
				      { "threads", "1" }, { "status", "ok" }, { NULL, NULL } };

	return hb_results_estimate(r, r ? hb_results_find(r, m) : -1);
}

/* The figures of loader l: the commands' medians, the estimate and the paired one. */
static void measured(struct line *line, const struct hf_data *d, size_t l, uint64_t iterations,
		     const struct hb_results *summary, double *est, double *scratch)
{
	struct hb_crosscheck agreement;
	struct hb_estimate paired;
	struct hb_ci ci;

	for (size_t r = 0; r < d->rounds; r++)
		est[r] = hf_round_estimate(d, l, r, iterations);
	put(line, "loader_cmd_s", "%.6f", median_mean(d, HF_LOADER_STORM(l), scratch));
	put(line, "loader_true_s", "%.6f", median_mean(d, HF_LOADER_TRUE(l), scratch));
	put(line, "bare_cmd_s", "%.6f", median_mean(d, HF_BARE_STORM, scratch));
	put(line, "bare_true_s", "%.6f", median_mean(d, HF_BARE_TRUE, scratch));
	memcpy(scratch, est, d->rounds * sizeof(double));
	put(line, "ns_per_op", "%.1f", hb_median(scratch, d->rounds));
	hb_median_ci(est, d->rounds, 0.95, &ci);
	if (!ci.valid)
		return;
	put(line, "ci95_low_ns", "%.1f", ci.low);
	put(line, "ci95_high_ns", "%.1f", ci.high);
	paired = paired_of(summary, d->hook[l]);
	if (!paired.ok)
		return;
	put(line, "paired_ns", "%.1f", paired.est);
	put(line, "paired_ci95_low_ns", "%.1f", paired.low);
	put(line, "paired_ci95_high_ns", "%.1f", paired.high);
	agreement = hb_crosscheck_judge(ci.low, ci.high, paired.est);
	put(line, "agree", "%s", hb_agreement_word(agreement.verdict));
}

static void write_rows(FILE *f, const struct hb_hyperfine_opts *o, const struct hf_data *d,
		       const struct hb_results *summary, double *est, double *scratch)
{
	const char *row[NCOL];

	hb_csv_row(f, header, NCOL);
	for (size_t l = 0; l < HF_NLOADERS; l++) {
		bool ran = d->active[HF_LOADER_STORM(l)];
		struct line line = { { { 0 } } };

		put(&line, "loader", "%s", d->loader[l]);
		put(&line, "hook", "%s", d->hook[l]);
		put(&line, "status", "%s", ran ? "ok" : "unsupported");
		put(&line, "iterations", "%llu", (unsigned long long)o->iterations);
		put(&line, "runs", "%llu", (unsigned long long)(o->runs * o->rounds));
		put(&line, "rounds", "%llu", (unsigned long long)o->rounds);
		if (ran)
			measured(&line, d, l, o->iterations, summary, est, scratch);
		for (size_t k = 0; k < NCOL; k++)
			row[k] = line.field[k];
		hb_csv_row(f, row, NCOL);
	}
}

int hf_write_csv(const struct hb_hyperfine_opts *o, const struct hf_data *d, const char *path)
{
	double *est = calloc(d->rounds, sizeof(double)), *scratch = calloc(d->rounds, sizeof(double));
	struct hb_results summary;
	bool have_summary = false;
	char why[256];
	FILE *f = NULL;
	int err = 0;

	if (!est || !scratch) {
		err = -ENOMEM;
		goto out;
	}
	have_summary = hb_results_load(&summary, o->dir, why, sizeof(why)) == 0;
	f = fopen(path, "wxe");
	if (!f) {
		err = -errno;
		goto out;
	}
	write_rows(f, o, d, have_summary ? &summary : NULL, est, scratch);
	if (fclose(f))
		err = -errno;
	if (err)
		unlink(path);
out:
	if (have_summary)
		hb_results_free(&summary);
	free(est);
	free(scratch);
	return err;
}
