// SPDX-License-Identifier: GPL-2.0-only
/* hyperfine.csv: per loader, the rounds' median and interval beside the paired estimate. */
#include <errno.h>
#include <math.h>
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
	"paired_ci95_low_ns", "paired_ci95_high_ns", "agree", "rounds", "loader_outside_s",
	"bare_ns_per_op", "state_ns_per_op", "rounds_kept", "rounds_slower",
	"paired_between_low_ns", "paired_between_high_ns", "clock",
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

/* The rounds the figures come from: those kept, or every round when none was. */
static size_t figure_rounds(const struct hf_data *d, size_t *idx)
{
	size_t n = 0;

	for (size_t r = 0; r < d->rounds; r++)
		if (d->kept[r] || !d->nkept)
			idx[n++] = r;
	return n;
}

/* Median over those rounds of v(d, r). */
static double median_over(const struct hf_data *d, const size_t *idx, size_t n, double *scratch,
			  double (*v)(const struct hf_data *, size_t, size_t, uint64_t), size_t arg,
			  uint64_t iterations)
{
	for (size_t k = 0; k < n; k++)
		scratch[k] = v(d, idx[k], arg, iterations);
	return hb_median(scratch, n);
}

static double cmd_mean(const struct hf_data *d, size_t r, size_t c, uint64_t iterations)
{
	(void)iterations;
	return d->mean[c][r];
}

static double cmd_outside(const struct hf_data *d, size_t r, size_t c, uint64_t iterations)
{
	(void)iterations;
	return d->outside[c][r];
}

static double bare(const struct hf_data *d, size_t r, size_t unused, uint64_t iterations)
{
	(void)unused;
	return hf_round_bare(d, r, iterations);
}

static double estimate(const struct hf_data *d, size_t r, size_t l, uint64_t iterations)
{
	return hf_round_estimate(d, l, r, iterations);
}

/* summary.csv's figures for loader l, and the verdict against the whole-command interval. */
static void paired(struct line *line, const struct hf_data *d, size_t l, const struct hb_ci *ci)
{
	struct hb_estimate within = hb_results_estimate(d->run, d->paired_row[l]);
	struct hb_estimate between = hb_results_between_runs(d->run, d->paired_row[l]);
	const struct hb_estimate *cmp = between.ok ? &between : &within;
	struct hb_crosscheck agreement;

	if (!within.ok)
		return;
	put(line, "paired_ns", "%.1f", within.est);
	put(line, "paired_ci95_low_ns", "%.1f", within.low);
	put(line, "paired_ci95_high_ns", "%.1f", within.high);
	if (between.ok) {
		put(line, "paired_between_low_ns", "%.1f", between.low);
		put(line, "paired_between_high_ns", "%.1f", between.high);
	}
	if (!ci->valid)
		return;
	agreement = hb_crosscheck_judge(ci->low, ci->high, within.est, cmp->low, cmp->high);
	put(line, "agree", "%s", hb_agreement_word(agreement.verdict));
}

/* The figures of loader l: the commands' medians, the estimate and the paired one. */
static void measured(struct line *line, const struct hf_data *d, size_t l, uint64_t iterations,
		     double *est, double *scratch, size_t *idx)
{
	size_t n = figure_rounds(d, idx), slower = 0;
	struct hb_ci ci = { .valid = false };

	for (size_t r = 0; r < d->rounds; r++)
		slower += !d->kept[r] && hb_state_slower(&d->levels, hf_round_bare(d, r, iterations));
	put(line, "rounds_kept", "%zu", d->nkept);
	put(line, "rounds_slower", "%zu", slower);
	put(line, "loader_cmd_s", "%.6f", median_over(d, idx, n, scratch, cmd_mean, HF_LOADER_STORM(l), 0));
	put(line, "loader_true_s", "%.6f", median_over(d, idx, n, scratch, cmd_mean, HF_LOADER_TRUE(l), 0));
	put(line, "bare_cmd_s", "%.6f", median_over(d, idx, n, scratch, cmd_mean, HF_BARE_STORM, 0));
	put(line, "bare_true_s", "%.6f", median_over(d, idx, n, scratch, cmd_mean, HF_BARE_TRUE, 0));
	put(line, "loader_outside_s", "%.6f",
	    median_over(d, idx, n, scratch, cmd_outside, HF_LOADER_STORM(l), 0));
	put(line, "bare_ns_per_op", "%.1f", median_over(d, idx, n, scratch, bare, 0, iterations));
	if (isfinite(d->levels.baseline))
		put(line, "state_ns_per_op", "%.1f", d->levels.baseline);
	if (d->nkept) {
		for (size_t k = 0; k < n; k++)
			est[k] = hf_round_estimate(d, l, idx[k], iterations);
		put(line, "ns_per_op", "%.1f", median_over(d, idx, n, scratch, estimate, l, iterations));
		hb_median_ci(est, n, 0.95, &ci);
	}
	if (ci.valid) {
		put(line, "ci95_low_ns", "%.1f", ci.low);
		put(line, "ci95_high_ns", "%.1f", ci.high);
	}
	paired(line, d, l, &ci);
}

static void write_rows(FILE *f, const struct hb_hyperfine_opts *o, const struct hf_data *d,
		       double *est, double *scratch, size_t *idx)
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
		put(&line, "runs", "%llu", (unsigned long long)(o->runs * d->rounds));
		put(&line, "rounds", "%zu", d->rounds);
		put(&line, "clock", "%s", d->cpu ? "cpu" : "wall");
		if (ran)
			measured(&line, d, l, o->iterations, est, scratch, idx);
		for (size_t k = 0; k < NCOL; k++)
			row[k] = line.field[k];
		hb_csv_row(f, row, NCOL);
	}
}

int hf_write_csv(const struct hb_hyperfine_opts *o, const struct hf_data *d, const char *path)
{
	double *est = calloc(d->rounds + 1, sizeof(double)), *scratch = calloc(d->rounds + 1, sizeof(double));
	size_t *idx = calloc(d->rounds + 1, sizeof(size_t));
	FILE *f = NULL;
	int err = 0;

	if (!est || !scratch || !idx) {
		err = -ENOMEM;
		goto out;
	}
	f = fopen(path, "wxe");
	if (!f) {
		err = -errno;
		goto out;
	}
	write_rows(f, o, d, est, scratch, idx);
	if (fclose(f))
		err = -errno;
	if (err)
		unlink(path);
out:
	free(est);
	free(scratch);
	free(idx);
	return err;
}
