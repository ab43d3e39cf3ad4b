// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hyperfine cross-check's arithmetic: the agreement rule, the speed
 * state a round ran in, the loader's own time taken out, the cause named.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crosscheck_rule.h"
#include "crosscheck_states.h"
#include "hyperfine_export.h"
#include "json_read.h"
#include "hyperfine_parts.h"
#include "results.h"
#include "tap.h"

static void test_rule(void)
{
	struct hb_crosscheck c;

	c = hb_crosscheck_judge(340.2, 436.3, 403.1, 380.2, 428.9);
	TAP_OK(c.verdict == HB_AGREEMENT_YES && c.gap == 0, "overlapping narrow intervals agree");
	TAP_NEAR(c.half_width, 48.05, 1e-9, "the whole-command half-width is half its interval");
	TAP_NEAR(c.share, 48.05 / 403.1, 1e-12, "and its share is of the paired estimate");
	c = hb_crosscheck_judge(420.0, 480.0, 403.1, 380.2, 428.9);
	TAP_OK(c.verdict == HB_AGREEMENT_YES,
	       "an interval that excludes the paired estimate but overlaps where another run lands agrees");
	c = hb_crosscheck_judge(480.0, 560.2, 403.1, 380.2, 428.9);
	TAP_OK(c.verdict == HB_AGREEMENT_NO, "a narrow interval apart from it disagrees");
	TAP_NEAR(c.gap, 480.0 - 428.9, 1e-9, "by the gap between the two");
	c = hb_crosscheck_judge(300.0, 360.0, 403.1, 380.2, 428.9);
	TAP_OK(c.verdict == HB_AGREEMENT_NO && c.gap < 0, "below it: a negative gap");
	c = hb_crosscheck_judge(120.5, 610.3, 403.1, 380.2, 428.9);
	TAP_OK(c.verdict == HB_AGREEMENT_INCONCLUSIVE && c.share > 0.6 && c.share < 0.61,
	       "one too wide to have missed is inconclusive, though it overlaps");
	TAP_OK(hb_crosscheck_judge(1000, 1500, 403.1, 380.2, 428.9).verdict == HB_AGREEMENT_INCONCLUSIVE,
	       "and so is one too wide that misses");
	TAP_OK(hb_crosscheck_judge(95, 105, 100, 70, 130).verdict == HB_AGREEMENT_INCONCLUSIVE,
	       "a paired interval of ±30%% is too wide to test against, however narrow the other");
	TAP_OK(hb_crosscheck_judge(75, 125, 100, 95, 105).verdict == HB_AGREEMENT_YES &&
	       hb_crosscheck_judge(74.9, 125.1, 100, 95, 105).verdict == HB_AGREEMENT_INCONCLUSIVE,
	       "a half-width of exactly 25%% can still decide; a hair more cannot");
	TAP_OK(hb_crosscheck_judge(-10, 10, 0, -1, 1).verdict == HB_AGREEMENT_INCONCLUSIVE,
	       "a paired estimate of 0 leaves nothing to be a share of");
	TAP_OK(hb_crosscheck_judge(NAN, 10, 5, 4, 6).verdict == HB_AGREEMENT_NONE &&
	       hb_crosscheck_judge(1, 10, NAN, 4, 6).verdict == HB_AGREEMENT_NONE &&
	       hb_crosscheck_judge(1, 10, 5, NAN, 6).verdict == HB_AGREEMENT_NONE,
	       "a missing figure judges nothing");
	TAP_STREQ(hb_agreement_word(HB_AGREEMENT_INCONCLUSIVE), "inconclusive", "the agree column's words");
	TAP_STREQ(hb_agreement_word(HB_AGREEMENT_NONE), "", "nothing judged: an empty field");
}

/* The replicates fixture: state 1 at 1480.3 ns/op (the headline), state 2 at 1712.8. */
static void test_states(void)
{
	const struct hb_match tp[] = { { "hook", "tracepoint" }, { "payload", "count" },
				       { "mode", "enoent" }, { "threads", "1" }, { NULL, NULL } };
	struct hb_state_levels s, none;
	struct hb_results r;
	char why[512];

	TAP_OK(hb_results_load(&r, FIXTURES "/results/replicates", why, sizeof(why)) == 0, "replicates loads");
	hb_state_levels_of(&r, hb_results_find(&r, tp), &s);
	TAP_OK(s.n == 2 && s.headline == 0 && s.level[0] == 1480.3 && s.level[1] == 1712.8,
	       "the paired cell's two states, the fastest the headline");
	TAP_OK(s.baseline == 1480.3, "the paired baseline is the headline state's level");
	TAP_OK(hb_state_kept(&s, 1480.3) && hb_state_kept(&s, 1420) && hb_state_kept(&s, 1590),
	       "a bare command nearest the headline level counts, faster or slower");
	TAP_OK(!hb_state_kept(&s, 1600) && hb_state_slower(&s, 1600) && hb_state_slower(&s, 1800),
	       "nearer the slow level (by ratio) it is left out, as slower");
	TAP_OK(!hb_state_slower(&s, 1480.3), "a kept round is not slower");
	TAP_OK(!hb_state_kept(&s, 1300) && !hb_state_slower(&s, 1300),
	       "nearest the headline but more than 10%% faster: left out, not as slower");
	TAP_OK(!hb_state_kept(&s, 4559) && hb_state_slower(&s, 4559),
	       "far slower than the slowest level (a loaded machine): left out, as slower");
	s.headline = s.n;
	TAP_OK(hb_state_kept(&s, 1480.3 * 1.099) && hb_state_kept(&s, 1480.3 * 0.901) &&
	       !hb_state_kept(&s, 1480.3 * 1.11) && hb_state_slower(&s, 1480.3 * 1.11) &&
	       !hb_state_kept(&s, 1480.3 * 0.89) && !hb_state_slower(&s, 1480.3 * 0.89),
	       "a run that pooled its states keeps the rounds within 10%% of its baseline");
	hb_state_levels_of(&r, -1, &none);
	TAP_OK(none.n == 0 && isnan(none.baseline) && hb_state_kept(&none, 5000),
	       "no paired row: no states, every round kept");
	hb_results_free(&r);
	TAP_OK(hb_results_load(&r, FIXTURES "/results/base", why, sizeof(why)) == 0, "base loads");
	hb_state_levels_of(&r, hb_results_find(&r, tp), &s);
	TAP_OK(s.n == 0 && s.baseline == hb_results_num(&r, (size_t)hb_results_find(&r, tp),
							"baseline_ns_per_op"),
	       "a run without states.csv rows: the paired baseline is summary.csv's");
	TAP_OK(hb_state_kept(&s, s.baseline * 1.05) && hb_state_slower(&s, s.baseline * 1.5),
	       "and the rounds near it count, those far slower do not");
	hb_results_free(&r);
}

/* The loader's own time is taken out of its command's: what it took cannot move the estimate. */
static void test_attach_taken_out(void)
{
	double mean[HF_NCMDS][2] = { { 0.300, 0.310 }, { 0.001, 0.001 },
				     { 0.600, 0.640 }, { 0.250, 0.251 } };
	double outside[HF_NCMDS][2] = { { 0, 0 }, { 0, 0 }, { 0.230, 0.260 }, { 0.246, 0.247 } };
	struct hf_data d = { .rounds = 2 };
	char path[] = "/tmp/hb-timing-XXXXXX", why[256];
	double got = 0;
	FILE *f;
	int fd;

	for (size_t c = 0; c < HF_NCMDS; c++) {
		d.mean[c] = mean[c];
		d.outside[c] = outside[c];
	}
	/* Round 1: (0.600 - 0.230) - (0.250 - 0.246) - (0.300 - 0.001) = 0.067 s over 200000 calls. */
	TAP_NEAR(hf_round_estimate(&d, 0, 0, 200000), 335.0, 1e-6,
		 "loader time less its own load/attach/detach, less `true`, less the bare command");
	/* Round 2: loading took 30 ms longer, the machine 10 ms longer over the storm: it holds. */
	TAP_NEAR(hf_round_estimate(&d, 0, 1, 200000), 335.0, 1e-6,
		 "30 ms more of loading, timed by the loader, does not move it");
	TAP_NEAR(hf_round_bare(&d, 1, 200000), 1545.0, 1e-6, "the bare command's ns per call");

	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	TAP_OK(f != NULL, "a scratch timing file");
	if (!f)
		return;
	fputs("0.5 0.3 0.1 0.4\n0.2 0.3 0.05 0.19\n0.22 0.31 0.04 0.21\n", f);
	fclose(f);
	TAP_OK(hf_read_outside(path, 2, false, &got, why, sizeof(why)) == 0, "the loader's timing lines read");
	TAP_NEAR(got, (0.25 + 0.26) / 2, 1e-12,
		 "by the wall clock: before attached plus after the command, over the last `runs` lines, "
		 "the warm-up before them left out");
	TAP_OK(hf_read_outside(path, 2, true, &got, why, sizeof(why)) == 0, "and again by CPU time");
	TAP_NEAR(got, (0.19 + 0.21) / 2, 1e-12, "by CPU time: the loader's own CPU seconds");
	TAP_OK(hf_read_outside(path, 4, true, &got, why, sizeof(why)) != 0 &&
	       strstr(why, "3 timing lines for 4 runs"), "fewer lines than runs is an error that says so");
	f = fopen(path, "a");
	fputs("0.1 x 0.2 0.1\n", f);
	fclose(f);
	TAP_OK(hf_read_outside(path, 2, true, &got, why, sizeof(why)) != 0,
	       "a line that does not read is an error");
	unlink(path);
}

static void test_cpu_times(void)
{
	const char *text = "{\"results\": [{\"command\": \"a\", \"mean\": 1.05, \"user\": 0.14, "
			   "\"system\": 0.29}, {\"command\": \"b\", \"mean\": 0.5}]}";
	const char *const cmds[] = { "a", "b" };
	struct json_object *doc;
	double cpu[2], wall[2];
	char why[256];

	TAP_OK(hb_jparse(text, strlen(text), &doc, why, sizeof(why)) == 0, "an export to read");
	hb_hyperfine_cpu(doc, cmds, 2, cpu);
	hb_hyperfine_means(doc, cmds, 2, wall);
	TAP_NEAR(cpu[0], 0.43, 1e-12, "a command's CPU time is its user plus system time");
	TAP_OK(isnan(cpu[1]) && wall[1] == 0.5, "none without them; the wall-clock mean is apart");
	json_object_put(doc);
}

static void test_cause(void)
{
	struct hb_crosscheck_facts f = {
		.hook = "tracepoint", .loader_s = 0.6, .outside_s = 0.24, .rounds = 10, .kept = 3,
		.slower = 7, .bare_ns = 1500, .state_ns = 1480.3, .paired = 403.1,
	};
	struct hb_crosscheck none = { .verdict = HB_AGREEMENT_NONE };
	struct hb_crosscheck c;
	char buf[512];

	hb_crosscheck_cause(&none, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "the bare command ran in the paired figures' speed state in only 3 of 10 rounds "
		       "(7 slower), too few for an interval (6 needed)",
		  "too few rounds in the paired state: how many, and how many ran slower");
	f.kept = 10;
	f.slower = 0;
	c = hb_crosscheck_judge(480.0, 560.2, 403.1, 380.2, 428.9);
	f.bare_ns = 1500;
	hb_crosscheck_cause(&c, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "the whole-command interval lies 51.1 ns above the paired one, with the bare command "
		       "at 1500 ns per call (paired baseline 1480) in 10 of 10 rounds and the loader's own "
		       "40% of the hooked command taken out: no cause in these figures",
		  "no cause found: where the two lie, and what was ruled out");
	c = hb_crosscheck_judge(120.5, 610.3, 403.1, 380.2, 428.9);
	hb_crosscheck_cause(&c, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "the whole-command interval is ±244.9 ns, 60.8% of the paired estimate, too wide to "
		       "have disagreed (10 of 10 rounds kept)", "inconclusive: the width");
	c = hb_crosscheck_judge(340.2, 436.3, 403.1, 380.2, 428.9);
	hb_crosscheck_cause(&c, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "", "an agreement has no cause");
	f.paired = NAN;
	hb_crosscheck_cause(&none, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "summary.csv has no paired figure for tracepoint", "nothing to compare with");
	f.paired = 243.5;
	c = hb_crosscheck_judge(227.3, 254.2, 243.5, -151.7, 638.6);
	TAP_OK(c.verdict == HB_AGREEMENT_INCONCLUSIVE,
	       "a narrow whole-command interval inside a paired one of ±162%% is no test: inconclusive");
	hb_crosscheck_cause(&c, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "where another paired run lands is ±162.3% of the paired estimate, too wide for any "
		       "whole-command figure to disagree with", "and the cause names the paired interval's width");
	c = hb_crosscheck_judge(227.3, 254.2, 243.5, 200.1, 290.3);
	TAP_OK(c.verdict == HB_AGREEMENT_YES, "inside a paired interval of ±18.5%%, it agrees");
	f.kept = 6;
	f.rounds = 40;
	f.slower = 4;
	c = hb_crosscheck_judge(-146.3, 521.3, 510.6, 83.7, 937.4);
	hb_crosscheck_cause(&c, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "the whole-command interval is ±333.8 ns, 65.4% of the paired estimate, too wide to "
		       "have disagreed (6 of 40 rounds kept)", "a wide interval from few rounds kept");
	f.kept = 5;
	hb_crosscheck_cause(&none, &f, buf, sizeof(buf));
	TAP_STREQ(buf, "the bare command ran in the paired figures' speed state in only 5 of 40 rounds "
		       "(4 slower, 31 faster), too few for an interval (6 needed)",
		  "too few rounds: those left out, slower and faster");
}

int main(void)
{
	test_rule();
	test_states();
	test_attach_taken_out();
	test_cpu_times();
	test_cause();
	return tap_done();
}
