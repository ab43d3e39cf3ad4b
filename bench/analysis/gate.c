// SPDX-License-Identifier: GPL-2.0-only
#include "gate.h"

#include <fnmatch.h>
#include <math.h>
#include <string.h>

#define KEY_MIN_WIDTH 26
#define BASIS_WIDTH 22
#define FIGURE_WIDTH 26

/* One run's side of a judged row: the figure and the interval it is judged on. */
struct side {
	struct hb_estimate e;
	bool between; /* the between-run interval; else the 95% CI within the run */
};

/* The most NEW's low end may be: BASE's high end plus pct percent of its magnitude. */
static double limit_of(double base_high, double pct)
{
	return base_high + fabs(base_high) * pct / 100.0;
}

static bool has_interval(const struct hb_estimate *e)
{
	return e->ok && !isnan(e->low) && !isnan(e->high);
}

/* Both rows' ratios are to the same hook and both have their between-run interval. */
static bool ratio_sides(const struct hb_results *base, long brow, const struct hb_results *next,
			long nrow, struct side *b, struct side *n)
{
	const char *bref = hb_results_str(base, (size_t)brow, "reference_hook");

	b->e = hb_results_ratio(base, brow);
	n->e = hb_results_ratio(next, nrow);
	b->between = n->between = true;
	return *bref && !strcmp(bref, hb_results_str(next, (size_t)nrow, "reference_hook")) &&
	       has_interval(&b->e) && has_interval(&n->e);
}

/* The added cost with the between-run interval, else the 95% CI. */
static void cost_side(const struct hb_results *r, long row, struct side *s)
{
	s->e = hb_results_between_runs(r, row);
	s->between = s->e.ok;
	if (!s->between)
		s->e = hb_results_estimate(r, row);
}

static bool selected(const struct hb_results *r, size_t row, const struct hb_gate_opts *o)
{
	const char *hook = hb_results_str(r, row, "hook");

	for (size_t i = 0; i < o->nhooks; i++)
		if (!fnmatch(o->hooks[i], hook, 0))
			return true;
	return !o->nhooks;
}

/* Why a row is not judged (in one run only, the control, ...), or NULL when it is. */
static const char *not_judged(const struct hb_results *base, long brow, long nrow,
			      const struct hb_gate_opts *o, char *why, size_t len)
{
	if (brow < 0 || nrow < 0)
		return brow < 0 ? "only in NEW, not gated" : "only in BASE, not gated";
	if (hb_results_is_control(base, (size_t)brow))
		return "control (nothing attached), not gated";
	if (!selected(base, (size_t)brow, o))
		return "not selected by --hook, not gated";
	if (!hb_results_ok(base, (size_t)brow)) {
		snprintf(why, len, "BASE is %s, not gated", hb_results_str(base, (size_t)brow, "status"));
		return why;
	}
	return NULL;
}

/* A row ok in BASE that NEW could not measure right (mismatch, error ...) fails: its line. */
static bool broke(const struct hb_results *next, long nrow, char *why, size_t len)
{
	if (hb_results_ok(next, (size_t)nrow))
		return false;
	snprintf(why, len, "FAIL: NEW is %s (%s)", hb_results_str(next, (size_t)nrow, "status"),
		 hb_results_str(next, (size_t)nrow, "reason"));
	return true;
}

static void fmt_side(const struct side *s, int decimals, char *buf, size_t len)
{
	snprintf(buf, len, "%.*f [%.*f, %.*f]", decimals, s->e.est, decimals, s->e.low, decimals,
		 s->e.high);
}

/* Judge one row in both runs and print its line: 1 it fails, 0 it passes, -1 no interval to judge. */
static int judge_row(FILE *f, const char *key, int width, const struct hb_results *base, long brow,
		      const struct hb_results *next, long nrow, double pct, bool *ci_stands_in)
{
	struct side b, n;
	bool ratio = ratio_sides(base, brow, next, nrow, &b, &n);
	int decimals = ratio ? 4 : 2;
	char basis[96], bs[64], ns[64], growth[32] = "n/a", verdict[160];
	double limit;
	bool fails;

	if (!ratio) {
		cost_side(base, brow, &b);
		cost_side(next, nrow, &n);
	}
	if (!has_interval(&b.e) || !has_interval(&n.e)) {
		fprintf(f, "%-*s %s\n", width, key, "no interval in BASE or NEW, not gated");
		return -1;
	}
	if (ratio) {
		snprintf(basis, sizeof(basis), "ratio, between-run");
	} else if (b.between && n.between) {
		snprintf(basis, sizeof(basis), "%s, between-run", hb_results_unit_short(base));
	} else {
		snprintf(basis, sizeof(basis), "%s, 95%% CI (%s)", hb_results_unit_short(base),
			 !b.between && !n.between ? "both" : !b.between ? "BASE" : "NEW");
		*ci_stands_in = true;
	}
	fmt_side(&b, decimals, bs, sizeof(bs));
	fmt_side(&n, decimals, ns, sizeof(ns));
	if (b.e.est > 0)
		snprintf(growth, sizeof(growth), "%+.1f%%", 100.0 * (n.e.est / b.e.est - 1.0));
	limit = limit_of(b.e.high, pct);
	fails = n.e.low > limit;
	snprintf(verdict, sizeof(verdict), "%s: NEW low %.*f %s limit %.*f", fails ? "FAIL" : "pass",
		 decimals, n.e.low, fails ? ">" : "<=", decimals, limit);
	fprintf(f, "%-*s %-*s %-*s %-*s %-8s %s\n", width, key, BASIS_WIDTH, basis, FIGURE_WIDTH, bs,
		FIGURE_WIDTH, ns, growth, verdict);
	return fails ? 1 : 0;
}

/* Row i of BASE's rows then NEW's: its run, row there and its row in the other run (-1: none). */
static bool locate(const struct hb_results *base, const struct hb_results *next, size_t i, size_t *row,
		   long *brow, long *nrow)
{
	bool from_base = i < base->summary.nrows;

	*row = from_base ? i : i - base->summary.nrows;
	*brow = from_base ? (long)*row : hb_results_find_same(base, next, *row);
	*nrow = from_base ? hb_results_find_same(next, base, *row) : (long)*row;
	return from_base;
}

struct hb_gate_outcome hb_gate(const struct hb_results *base, const struct hb_results *next,
			       const struct hb_gate_opts *o, FILE *f)
{
	struct hb_gate_outcome out = { 0, 0 };
	size_t nrows = base->summary.nrows + next->summary.nrows, row;
	char key[256], why[512], first_failed[256] = "";
	bool ci_stands_in = false;
	int width = KEY_MIN_WIDTH;
	long brow, nrow;

	for (size_t i = 0; i < nrows; i++) {
		bool from_base = locate(base, next, i, &row, &brow, &nrow);

		hb_results_key(from_base ? base : next, row, key, sizeof(key));
		width = (int)strlen(key) > width ? (int)strlen(key) : width;
	}
	fprintf(f, "Gate: a row fails when NEW's low end > BASE's high end + %g%%, on the ratio to the "
		"reference where both runs have its between-run interval, else on the added cost.\n", o->pct);
	fprintf(f, "%-*s %-*s %-*s %-*s %-8s %s\n", width, "hook/payload/mode/threads", BASIS_WIDTH,
		"judged on", FIGURE_WIDTH, "BASE [interval]", FIGURE_WIDTH, "NEW [interval]", "growth",
		"verdict");
	for (size_t i = 0; i < nrows; i++) {
		bool from_base = locate(base, next, i, &row, &brow, &nrow);
		const char *skip;
		int verdict;

		if (!from_base && brow >= 0)
			continue; /* listed with BASE's rows */
		hb_results_key(from_base ? base : next, row, key, sizeof(key));
		skip = not_judged(base, brow, nrow, o, why, sizeof(why));
		if (skip) {
			fprintf(f, "%-*s %s\n", width, key, skip);
			continue;
		}
		if (broke(next, nrow, why, sizeof(why))) {
			fprintf(f, "%-*s %s\n", width, key, why);
			verdict = 1;
		} else {
			verdict = judge_row(f, key, width, base, brow, next, nrow, o->pct, &ci_stands_in);
		}
		out.gated += verdict >= 0;
		if (verdict > 0 && !out.failed++)
			snprintf(first_failed, sizeof(first_failed), "%s", key);
	}
	if (ci_stands_in)
		fputs("95% CI (BASE, NEW or both): that run has no between-run interval for the row (one "
		      "needs 3 replicates); its 95% CI within the run stands in, narrower than where another "
		      "run lands.\n", f);
	if (out.failed)
		fprintf(f, "FAIL: %zu of %zu rows gated grew more than %g%% beyond BASE's interval (first: %s)\n",
			out.failed, out.gated, o->pct, first_failed);
	else if (out.gated)
		fprintf(f, "pass: 0 of %zu rows gated grew more than %g%% beyond BASE's interval\n", out.gated,
			o->pct);
	return out;
}
