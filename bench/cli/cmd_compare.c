// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench compare BASE NEW: the estimates of two result sets side by side
 * (two runs, two machines, or two kernels of a VM matrix), and whether each
 * change is significant.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "parse.h"
#include "results.h"

#define EXIT_REGRESSION 1
#define DEFAULT_THRESHOLD 5.0

static void usage(FILE *f)
{
	fprintf(f,
"Usage: hookbench compare BASE NEW [--threshold PCT]\n"
"\n"
"Compare two results directories row by row (hook x payload x mode x threads):\n"
"both estimates with their 95%% intervals, the change, and a verdict. A change\n"
"is significant when the two intervals do not overlap and it exceeds PCT%% of\n"
"the BASE estimate (default %.0f%%). Works on the per-kernel directories of a\n"
"VM matrix run too (kernel against kernel).\n"
"\n"
"Exit status: 1 when any row got significantly slower, 0 otherwise, 2 on bad\n"
"input (a missing directory, a malformed summary.csv).\n"
"\n"
"Examples:\n"
"  hookbench compare results/reference/6.18.44-fc-v782 results/20261126T120000Z\n"
"  hookbench compare results/vm/debian-6.1-cloud results/vm/debian-6.12-cloud --threshold 10\n",
		DEFAULT_THRESHOLD);
}

struct estimate {
	bool ok;
	double est, low, high;
};

static struct estimate estimate_of(const struct hb_results *r, size_t row)
{
	struct estimate e = {
		.est = hb_results_num(r, row, "overhead_ns_per_event"),
		.low = hb_results_num(r, row, "ci95_low_ns"),
		.high = hb_results_num(r, row, "ci95_high_ns"),
	};

	e.ok = strcmp(hb_results_str(r, row, "status"), "ok") == 0 && !isnan(e.est) &&
	       !isnan(e.low) && !isnan(e.high);
	return e;
}

static long find_row(const struct hb_results *r, const char *key)
{
	char k[256];

	for (size_t i = 0; i < r->summary.nrows; i++) {
		hb_results_key(r, i, k, sizeof(k));
		if (strcmp(k, key) == 0)
			return (long)i;
	}
	return -1;
}

static void fmt_est(const struct estimate *e, const struct hb_results *r, long row, char *buf,
		    size_t len)
{
	if (row < 0)
		snprintf(buf, len, "-");
	else if (!e->ok)
		snprintf(buf, len, "(%s)", hb_results_str(r, (size_t)row, "status"));
	else
		snprintf(buf, len, "%.1f [%.1f, %.1f]", e->est, e->low, e->high);
}

/* Print one row; returns true for a significant regression. */
static bool compare_row(const char *key, const struct hb_results *base, long brow,
			const struct hb_results *next, long nrow, double threshold)
{
	struct estimate b = { 0 }, n = { 0 };
	char bs[64], ns[64], delta[32] = "-";
	const char *verdict;
	bool regression = false;

	if (brow >= 0)
		b = estimate_of(base, (size_t)brow);
	if (nrow >= 0)
		n = estimate_of(next, (size_t)nrow);
	fmt_est(&b, base, brow, bs, sizeof(bs));
	fmt_est(&n, next, nrow, ns, sizeof(ns));
	if (brow < 0) {
		verdict = "only in NEW";
	} else if (nrow < 0) {
		verdict = "only in BASE";
	} else if (!b.ok || !n.ok) {
		verdict = "not comparable";
	} else {
		double change = n.est - b.est;
		double pct = b.est != 0 ? 100.0 * change / fabs(b.est) : INFINITY;
		bool apart = n.low > b.high || n.high < b.low;
		bool big = fabs(change) > threshold / 100.0 * fabs(b.est);

		snprintf(delta, sizeof(delta), "%+.1f (%+.1f%%)", change, pct);
		if (apart && big) {
			regression = change > 0;
			verdict = regression ? "REGRESSION" : "improvement";
		} else {
			verdict = apart ? "within threshold" : "no significant change";
		}
	}
	printf("%-36s %-26s %-26s %-22s %s\n", key, bs, ns, delta, verdict);
	return regression;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct hb_results base, next;
	double threshold = DEFAULT_THRESHOLD;
	int c, regressions = 0, rc = HB_EXIT_USAGE;
	char why[512], key[256];

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (hb_parse_double(optarg, 0.0, 1000.0, &threshold)) {
				cli_error("invalid --threshold '%s': must be a percentage in [0, 1000]", optarg);
				return HB_EXIT_USAGE;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: return cli_getopt_error(c, argv), HB_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		cli_error("compare needs two results directories, BASE and NEW (see --help)");
		return HB_EXIT_USAGE;
	}
	if (hb_results_load(&base, argv[optind], why, sizeof(why))) {
		cli_error("compare: %s", why);
		return HB_EXIT_USAGE;
	}
	if (hb_results_load(&next, argv[optind + 1], why, sizeof(why))) {
		cli_error("compare: %s", why);
		goto cleanup_base;
	}
	printf("%-36s %-26s %-26s %-22s %s\n", "hook/payload/mode/threads", "BASE ns/event [95% CI]",
	       "NEW ns/event [95% CI]", "change", "verdict");
	for (size_t i = 0; i < base.summary.nrows; i++) {
		hb_results_key(&base, i, key, sizeof(key));
		regressions += compare_row(key, &base, (long)i, &next, find_row(&next, key), threshold);
	}
	for (size_t i = 0; i < next.summary.nrows; i++) {
		hb_results_key(&next, i, key, sizeof(key));
		if (find_row(&base, key) < 0)
			compare_row(key, &base, -1, &next, (long)i, threshold);
	}
	printf("%d significant regression%s (threshold %.1f%%)\n", regressions,
	       regressions == 1 ? "" : "s", threshold);
	rc = regressions ? EXIT_REGRESSION : 0;
	hb_results_free(&next);
cleanup_base:
	hb_results_free(&base);
	return rc;
}
