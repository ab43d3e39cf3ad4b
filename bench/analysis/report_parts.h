/* SPDX-License-Identifier: GPL-2.0-only */
/* The sections of report.md, each written by its own file. */
#ifndef HB_REPORT_PARTS_H
#define HB_REPORT_PARTS_H

#include <stdbool.h>
#include <stdio.h>

#include "breakeven.h"
#include "results.h"

struct report {
	const struct hb_results *r;
	FILE *f;
};

#define REPORT_MAX_ROWS 512

/* The rows of one payload x mode x threads, the control left out, measured ones best first. */
struct report_group {
	size_t row[REPORT_MAX_ROWS];
	size_t n;
	bool by_ratio; /* ranked by ratio_vs_reference (some row has one), else by added cost */
};

/* The columns a group shares. */
extern const char *const report_group_columns[];

/* Write s into a Markdown table cell: no '|' and no line breaks. */
void report_cell(FILE *f, const char *s);

/*
 * lead, then the n names with the same reason together, each group once:
 * "Not measured here: `a`, `b` (why); `c` (why not)." Nothing when n is 0.
 */
void report_by_reason(FILE *f, const char *lead, const char *const *name, const char *const *reason,
		      size_t n);

/* The group of row first. */
void report_collect_group(const struct report *rp, size_t first, struct report_group *g);

/* The hook g's ratios are taken against: its reference_hook, else `tracepoint`. */
const char *report_reference_hook(const struct report *rp, const struct report_group *g);

/* g's best measured row of its reference hook, the one costs are compared with; -1 if none. */
long report_reference_row(const struct report *rp, const struct report_group *g);

/* The first row of the reference payload that is not the control: the group the page leads with. */
size_t report_lead_row(const struct report *rp);

/* The first screen: the decision, its table, what could not run, the break-even chart. */
void report_decision(const struct report *rp);

/* The decision's table at share, the not-measured line, what the intervals are, the chart. */
void report_decision_table(const struct report *rp, const struct hb_breakeven *be, double share);

/* The hooks of be that could not run, grouped by reason, on one line. */
void report_not_measured_line(const struct report *rp, const struct hb_breakeven *be);

/* "12.3 [10.1, 14.5]": an estimate and its interval where it has one. */
void report_figure(FILE *f, struct hb_estimate e);

/* Where the cheapest hook per unlinkat stops being the cheapest in total, from `other` rows. */
void report_breakeven(const struct report *rp);

/* A share of syscalls as a percentage: 74.3%, 0.25%, 100%. */
void report_share(FILE *f, double s);

/* A crossing's share with its interval: "74.3% [63.3%, 86.7%]". */
void report_share_interval(FILE *f, const struct hb_crossing *c);

/* Why h has no figures here ("not measured here: <reason>"). */
void report_not_measured(FILE *f, const struct hb_be_hook *h);

/* Where hooks a and b (measured ones) cost the same. */
struct hb_crossing report_crossing(const struct hb_be_hook *a, const struct hb_be_hook *b);

/* The appendix's table of what each hook saw of each path, and the deny proof (coverage.csv, blocking.csv). */
void report_coverage(const struct report *rp);

/* The decision's blocking line, from blocking.csv here and in DIR/vm (none without blocking.csv). */
void report_block_line(const struct report *rp);

/* The same under heading (a Markdown heading line), for a guest's run too. */
void report_coverage_table(const struct report *rp, const char *heading);

/* The noise floor of each control row, under the opening sentence. */
void report_noise_floor(const struct report *rp);

/* A verdict table per payload x mode x threads. */
void report_verdicts(const struct report *rp);

/* The verdict tables' "cost lands" cell of row: "this call only", "every syscall", ... */
const char *report_cost_lands(const struct hb_results *r, size_t row);

/* What the cost-lands classes mean, under the verdict tables. */
void report_cost_legend(const struct report *rp);

/* The guest half: DIR/vm/ (hookbench vm's results), why it is missing
 * (DIR/vm.missing), or how to get it when the host could not run kprobes. */
void report_vm(const struct report *rp);

/* Where the added cost goes: dispatch and body per hook, when the run measured `empty`. */
void report_breakdown(const struct report *rp);

/* How many loaders the hyperfine cross-check could not confirm. */
struct report_crosscheck {
	int judged; /* loaders that ran */
	int disagree;
	int inconclusive;
};

/* The hyperfine cross-check, when DIR/hyperfine.csv exists. */
struct report_crosscheck report_cross_check(const struct report *rp);

void report_caveats(const struct report *rp);

/* Caveat: a control row whose interval excludes 0 (the pairing is biased). */
bool report_bias_caveat(const struct report *rp);

/* The marks beside a figure: its control is biased, its CI lies below 0. */
#define REPORT_MARK_BIASED "†"
#define REPORT_MARK_BELOW_ZERO "‡"

/* The control row (hook `none`) of row's mode and threads, or -1. */
long report_control_of(const struct hb_results *r, size_t row);

/* True when row failed or was contaminated (status mismatch, error, interrupted, contaminated). */
bool report_row_failed(const struct hb_results *r, size_t row);

/* True when row's figures carry its control's bias (flag control_biased: the control's CI excludes 0). */
bool report_biased(const struct hb_results *r, size_t row);

/* The marks to print after row's added cost: "", REPORT_MARK_BIASED, REPORT_MARK_BELOW_ZERO, both. */
const char *report_marks(const struct hb_results *r, size_t row);

/* True when row has no ratio because its reference's CI reaches 0 (reference_not_above_zero). */
bool report_no_ratio(const struct hb_results *r, size_t row);

/* "[low, high]" with at least decimals digits, more where fewer would print [x, x]. */
void report_bounds(FILE *f, double low, double high, int decimals);

/* The sentence under the verdict tables: what the "another run" intervals contain. */
void report_interval_note(const struct report *rp);

/* Caveat: the run-to-run spread of earlier runs is in the between-run intervals. */
bool report_history_caveat(const struct report *rp);

/* Caveats: intervals at the instrument's resolution, costs below zero. */
bool report_flag_caveats(const struct report *rp);

/* Caveats: foreign BPF programs (before or mid-run) and a concurrent measurement. */
bool report_foreign_caveat(const struct report *rp);

/* Caveat: the run found more than one speed state. */
bool report_states_caveat(const struct report *rp);

/* The environment and the commands that reproduce the run. */
void report_environment(const struct report *rp);

#endif
