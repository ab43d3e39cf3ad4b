// SPDX-License-Identifier: GPL-2.0-only
/* hookbench run's options: the help, the parsing, the defaults. */
#include "run_args.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cpu.h"
#include "hooks.h"
#include "matrix.h"
#include "replicates.h"
#include "parse.h"
#include "runlock.h"
#include "stats.h"
#include "storm.h"

#define DEFAULT_OPS_PER_BLOCK 10000
#define DEFAULT_BLOCKS 200
#define DEFAULT_WARMUP 2
#define DEFAULT_STATS_BLOCKS 5
#define DEFAULT_REPLICATES 5
#define DEFAULT_REFERENCE "tracepoint"
#define MAX_OPS_PER_BLOCK 100000000ULL
#define MAX_BLOCKS 1000000ULL

/* Pairs a cell needs: two per visit, and enough visits for a 95% interval. */
static uint64_t min_blocks(void)
{
	return 2 * hb_median_ci_min_n(HB_CONFIDENCE);
}

static void usage(FILE *f)
{
	const char *hook_names[HB_MAX_HOOKS];
	char hooks[256], payloads[128], modes[128];

	hb_join_choices(hook_names, hb_hook_names(hook_names), hooks, sizeof(hooks));
	hb_join_choices(storm_mode_names, STORM_MODE_COUNT, modes, sizeof(modes));
	hb_join_choices(hb_payload_names, HB_PAYLOAD_MAX, payloads, sizeof(payloads));
	fprintf(f,
"Usage: hookbench run [OPTIONS]\n"
"\n"
"Measure what each hook adds to one unlinkat() call, in this process, pinned\n"
"to one CPU. Each round visits every hook x payload x mode x threads once and\n"
"runs blocks of unlinkat() calls as baseline (nothing attached), hooked, hooked,\n"
"baseline: two adjacent pairs, one in each order, per attach/detach. A visit's\n"
"difference is the mean of its two pairs' (hooked - baseline ns/op). The\n"
"overhead is the median of the visit differences with a distribution-free 95%%\n"
"interval over visits. The visits are also split into --replicates contiguous\n"
"replicates, each giving its own median: their spread gives where another run\n"
"should land (between_run_low/high_ns: where one more replicate would fall).\n"
"Each replicate loads the BPF objects afresh (unless --one-load), so where the\n"
"kernel puts a program and its maps is drawn again in each, as in another run.\n"
"What holds for a whole run replicates cannot show: with two or more earlier\n"
"runs of this kind (same kernel build, boot options, CPU model, ops per block,\n"
"clock) beside --out or in --history DIR, the spread of their estimates beyond\n"
"what the replicates explain widens the between-run interval (meta.json:\n"
"history).\n"
"When the machine ran at more than one speed, every figure of summary.csv\n"
"comes from the visits in the fastest state holding >= 10%% of the run (the\n"
"headline state); states.csv has every state's.\n"
"\n"
"Every hook is also compared with a reference hook measured in the same\n"
"rounds: in the ratio of visit differences, round by round, drift that\n"
"scales both hooks alike cancels (ratio_vs_reference, with its between-run\n"
"interval from the replicates). Drift that does not shows in states.csv: the\n"
"machine's speed states and each row's overhead in each. A control cell `none`\n"
"(unless --no-control) runs the same schedule with nothing attached: its\n"
"interval is the noise floor and should contain 0. Blocks with bpf_stats on,\n"
"spread over the rounds, give the in-program cost; bpf_stats is off in every\n"
"other block.\n"
"\n"
"Options:\n"
"  --hooks LIST          hooks to measure (default: all): %s\n"
"  --payload LIST        payloads (default: count): %s\n"
"                        empty returns before reading anything, so it is the\n"
"                        hook's dispatch alone; on raw_tp and tp_btf it runs,\n"
"                        unfiltered, on every syscall of every process\n"
"                        (with empty measured, rows of the same hook get\n"
"                        dispatch_ns and body_ns)\n"
"  --mode LIST           workload modes (default: enoent): %s\n"
"                        enoent: unlinkat() of a name that never exists;\n"
"                        create: create, close and unlinkat() a file;\n"
"                        churn: create, write, close, fstatat(), unlinkat():\n"
"                        one syscall in five is the traced one (ns per file);\n"
"                        other: getppid(), a syscall no hook traces, in this\n"
"                        process: what a hook costs everyone else's syscalls\n"
"                        (0 events expected; a payload that counts one is a\n"
"                        mismatch); other_remote: the same getppid() loop in a\n"
"                        second process on another CPU, which never loaded\n"
"                        BPF (only with --threads 1; 'unsupported' on 1 CPU).\n"
"                        'other' brings other_remote along when every thread\n"
"                        count is 1: both rows are reported\n"
"  --threads LIST        workload thread counts (default 1), e.g. 1,2: each thread\n"
"                        on its own CPU; one row per count\n"
"  --reference HOOK      the hook ratios compare against (default %s; when it\n"
"                        cannot run here, the first hook of the run that can);\n"
"                        measured even when --hooks leaves it out\n"
"  --replicates K        contiguous replicates the rounds are split into, each\n"
"                        at least %d rounds (default %d, fewer when the run is\n"
"                        too short for that); below 3 the between-run columns\n"
"                        stay empty\n"
"  --history DIR         earlier runs to take the run-to-run spread from\n"
"                        (default: the directory holding --out)\n"
"  --no-history          between-run intervals from this run's replicates only\n"
"  --one-load            load each cell's BPF objects once for the whole run\n"
"                        (default: afresh for each replicate)\n"
"  --no-control          no `none` control cell\n"
"  --ops-per-block N     unlinkat calls per block (default %d)\n"
"  --clock cpu|wall      what a block is timed with (default cpu: the measuring\n"
"                        thread's CPU time, so time other tasks take is left out;\n"
"                        the hook runs in the thread's own syscall, so it counts;\n"
"                        under --icount, wall: every guest instruction the CPU\n"
"                        runs during the block)\n"
"  --blocks B            measured pairs per hook, two per round, at least %llu\n"
"                        (default %d)\n"
"  --warmup W            rounds (2 pairs each) run first, not counted (default %d)\n"
"  --stats-blocks S      bpf_stats blocks per hook, spread over the rounds, 0 to\n"
"                        skip (default %d)\n"
"  --cpu C               CPU to pin to (default: the last one, now %u); the\n"
"                        ringbuf payload's reader runs on another CPU (with only\n"
"                        one CPU, its time is added to the blocks')\n"
"  --experiment reentry  instead of measuring: for each hook A (--hooks) on\n"
"                        unlinkat that calls bpf_get_current_comm(), hook B\n"
"                        (kprobe, kprobe_multi, fentry) on that helper, make\n"
"                        --ops-per-block calls and report what happened to B\n"
"                        (ran, skipped and counted, skipped silently): reentry.csv\n"
"  --kprobe-optimization on|off\n"
"                        set /proc/sys/debug/kprobes-optimization for the run\n"
"                        (off: kprobes inside a function use int3, not a jump);\n"
"                        the old value comes back on every exit, signals too\n"
"  --dir D               parent of the workload's scratch dir (default $TMPDIR or /tmp)\n"
"  --out DIR             results directory, must not exist (default results/<UTC time>)\n"
"  --btf PATH            BTF instead of /sys/kernel/btf/vmlinux (or $HOOKBENCH_BTF)\n"
"  --allow-foreign       run although BPF programs this run did not start are\n"
"                        attached where it measures (sys_enter/sys_exit, the\n"
"                        unlinkat and getppid syscall tracepoints, kprobes and\n"
"                        fentry on the syscall path): the figures are then the\n"
"                        cost on top of theirs; meta.json and summary.csv's\n"
"                        foreign_programs say which. Without it such a run\n"
"                        refuses to start (exit 1) and lists them\n"
"  --allow-concurrent    run although another measurement (hookbench run, or a\n"
"                        loader running a command) holds " HB_RUNLOCK_PATH ";\n"
"                        meta.json records it (concurrent_allowed, the holder)\n"
"  --timing-note TEXT    what the timings are, for the timing column (default\n"
"                        \"wall\"; hookbench vm sets it for emulated guests)\n"
"  --icount              the blocks are timed by QEMU's -icount shift=0 clock\n"
"                        (hookbench vm --timing icount sets it): figures are\n"
"                        guest instructions (the unit column), and the\n"
"                        between-run interval takes the replicates as\n"
"                        independent (no machine drift under -icount)\n"
"  -v, --verbose         show libbpf's messages\n"
"  -h, --help            show this help\n"
"\n"
"Writes DIR/runs.csv (one row per block), DIR/summary.csv (one row per hook x\n"
"payload x mode x threads), DIR/states.csv (per row, each speed state the\n"
"machine's baseline went through, and the overhead within it) and\n"
"DIR/meta.json, first into DIR.partial, renamed when done. A hook this kernel\n"
"cannot run gets an 'unsupported' row with the reason.\n"
"\n"
"Exit status:\n"
"  0    finished, every row ok or unsupported (--experiment: it finished)\n"
"  1    an error before, while or after measuring (said on stderr); also a\n"
"       refusal to start: foreign programs on the measured path (without\n"
"       --allow-foreign) or another measurement running (without\n"
"       --allow-concurrent); nothing is written then\n"
"  2    bad usage\n"
"  3    finished and results written, but some row is 'mismatch', 'error' or\n"
"       'contaminated' (a foreign program was attached in the middle of the\n"
"       run: the reason says in which rounds)\n"
"  130  stopped by SIGINT, SIGTERM or SIGHUP: completed blocks kept in\n"
"       DIR.partial (a second signal ends it at once, by that signal)\n"
"\n"
"Examples:\n"
"  hookbench run                                     # every hook, default sizes\n"
"  hookbench run --hooks raw_tp,kprobe --payload empty,count --replicates 5\n"
"                              # ratios to tracepoint, dispatch and body split\n"
"  hookbench run --payload empty,count,capture --blocks 200 --ops-per-block 5000 \\\n"
"      --replicates 10         # scripts/run's measurement, about 1.5 min here\n"
"  hookbench run --hooks tracepoint --blocks 800     # about a minute here, tighter CI\n"
"  hookbench run --payload count,capture --mode enoent,create --out /tmp/r1\n"
"  hookbench run --hooks tracepoint,raw_tp --mode enoent,other,other_remote,churn\n"
"                              # what each hook costs syscalls it does not trace\n",
		hooks, payloads, modes, DEFAULT_REFERENCE, HB_MIN_PER_REPLICATE, DEFAULT_REPLICATES,
		DEFAULT_OPS_PER_BLOCK, (unsigned long long)min_blocks(), DEFAULT_BLOCKS,
		DEFAULT_WARMUP, DEFAULT_STATS_BLOCKS, hb_default_cpu());
}

/* --threads 1,2: workload thread counts, each thread on its own CPU. */
static int parse_threads(const char *arg, struct run_opts *o)
{
	unsigned cpus = hb_usable_cpus();
	int err;

	err = hb_parse_cpu_list(arg, cpus + 1, o->threads, HB_MAX_LIST, &o->nthreads);
	for (size_t i = 0; !err && i < o->nthreads; i++)
		if (o->threads[i] == 0)
			err = -ERANGE;
	if (err == -ERANGE)
		cli_error("invalid --threads '%s': each count must be in [1, %u] (one CPU per thread; "
			  "this process may use %u)", arg, cpus, cpus);
	else if (err)
		cli_error("invalid --threads '%s' (valid: a list of distinct counts, e.g. 1,2)", arg);
	return err;
}

/*
 * Every replicate needs HB_MIN_PER_REPLICATE rounds. Unset, the default
 * shrinks to what the run's rounds allow; given, it must fit.
 */
static int check_replicates(struct run_opts *o)
{
	uint64_t rounds = hb_rounds_for_blocks(o->blocks);
	uint64_t most = rounds / HB_MIN_PER_REPLICATE;

	if (!o->replicates) {
		o->replicates = most < DEFAULT_REPLICATES ? most : DEFAULT_REPLICATES;
		return 0;
	}
	if (o->replicates <= most)
		return 0;
	cli_error("invalid --replicates '%llu' with --blocks %llu: %llu rounds make at most %llu "
		  "replicates of %d rounds", (unsigned long long)o->replicates,
		  (unsigned long long)o->blocks, (unsigned long long)rounds,
		  (unsigned long long)most, HB_MIN_PER_REPLICATE);
	return -EINVAL;
}

enum { O_HOOKS = 256, O_PAYLOAD, O_MODE, O_OPS, O_BLOCKS, O_WARMUP, O_STATS, O_CPU,
       O_DIR, O_OUT, O_BTF, O_TIMING_NOTE, O_CLOCK, O_KOPT, O_THREADS, O_EXPERIMENT,
       O_REFERENCE, O_REPLICATES, O_NO_CONTROL, O_ALLOW_FOREIGN, O_ALLOW_CONCURRENT,
       O_ONE_LOAD, O_HISTORY, O_NO_HISTORY, O_ICOUNT };

/* What parsing keeps besides the options themselves. */
struct run_args {
	struct run_opts *o;
	const char *hook_names[HB_MAX_HOOKS];
	size_t nhook_names;
	bool clock_given;
};

/* Each option that is not a plain number. */
static int one_option(int c, const char *arg, void *ctx)
{
	struct run_args *a = ctx;
	struct run_opts *o = a->o;
	size_t idx, n;
	uint64_t v;
	int err = 0;

	switch (c) {
	case O_HOOKS:
		err = cli_choices("--hooks", "hook", arg, a->hook_names, a->nhook_names, o->hooks,
				  HB_MAX_LIST, &o->nhooks);
		break;
	case O_PAYLOAD:
		err = cli_choices("--payload", "payload", arg, hb_payload_names, HB_PAYLOAD_MAX,
				  o->payloads, HB_MAX_LIST, &o->npayloads);
		break;
	case O_MODE:
		err = cli_choices("--mode", "mode", arg, storm_mode_names, STORM_MODE_COUNT, o->modes,
				  HB_MAX_LIST, &o->nmodes);
		break;
	case O_REFERENCE:
		err = cli_choices("--reference", "hook", arg, a->hook_names, a->nhook_names,
				  &o->reference, 1, &n);
		o->reference_given = true;
		break;
	case O_NO_CONTROL: o->control = false; break;
	case O_ONE_LOAD: o->one_load = true; break;
	case O_HISTORY: o->history = arg; break;
	case O_NO_HISTORY: o->no_history = true; break;
	case O_ALLOW_FOREIGN: o->allow_foreign = true; break;
	case O_ALLOW_CONCURRENT: o->allow_concurrent = true; break;
	case O_CPU:
		err = cli_u64("--cpu", arg, 0, hb_ncpus() - 1, &v);
		o->cpu = (unsigned)v;
		break;
	case O_DIR: o->scratch_parent = arg; break;
	case O_OUT: o->out = arg; break;
	case O_BTF: o->btf = arg; break;
	case O_TIMING_NOTE: o->timing_note = arg; break;
	case O_ICOUNT: o->icount = true; break;
	case O_EXPERIMENT:
		if (strcmp(arg, "reentry")) {
			cli_error("unknown experiment '%s' (valid: reentry)", arg);
			err = -EINVAL;
		}
		o->experiment = arg;
		break;
	case O_THREADS:
		err = parse_threads(arg, o);
		break;
	case O_KOPT:
		if (strcmp(arg, "on") && strcmp(arg, "off")) {
			cli_error("invalid --kprobe-optimization '%s' (valid: on, off)", arg);
			err = -EINVAL;
		}
		o->kprobe_optimization = arg;
		break;
	case O_CLOCK:
		err = cli_choices("--clock", "clock", arg, hb_clock_names, HB_CLOCK_MAX, &idx, 1, &n);
		if (!err)
			o->clock = (enum hb_clock)idx;
		a->clock_given = true;
		break;
	case 'v': o->verbose = true; break;
	}
	return err;
}

static int parse_run_args(int argc, char **argv, struct run_opts *o)
{
	static const struct option opts[] = {
		{ "hooks", required_argument, NULL, O_HOOKS },
		{ "payload", required_argument, NULL, O_PAYLOAD },
		{ "mode", required_argument, NULL, O_MODE },
		{ "ops-per-block", required_argument, NULL, O_OPS },
		{ "blocks", required_argument, NULL, O_BLOCKS },
		{ "warmup", required_argument, NULL, O_WARMUP },
		{ "stats-blocks", required_argument, NULL, O_STATS },
		{ "cpu", required_argument, NULL, O_CPU },
		{ "dir", required_argument, NULL, O_DIR },
		{ "out", required_argument, NULL, O_OUT },
		{ "btf", required_argument, NULL, O_BTF },
		{ "timing-note", required_argument, NULL, O_TIMING_NOTE },
		{ "icount", no_argument, NULL, O_ICOUNT },
		{ "clock", required_argument, NULL, O_CLOCK },
		{ "kprobe-optimization", required_argument, NULL, O_KOPT },
		{ "threads", required_argument, NULL, O_THREADS },
		{ "experiment", required_argument, NULL, O_EXPERIMENT },
		{ "reference", required_argument, NULL, O_REFERENCE },
		{ "replicates", required_argument, NULL, O_REPLICATES },
		{ "no-control", no_argument, NULL, O_NO_CONTROL },
		{ "one-load", no_argument, NULL, O_ONE_LOAD },
		{ "history", required_argument, NULL, O_HISTORY },
		{ "no-history", no_argument, NULL, O_NO_HISTORY },
		{ "allow-foreign", no_argument, NULL, O_ALLOW_FOREIGN },
		{ "allow-concurrent", no_argument, NULL, O_ALLOW_CONCURRENT },
		{ "verbose", no_argument, NULL, 'v' },
		{}
	};
	const struct cli_number numbers[] = {
		{ O_OPS, "--ops-per-block", 1, MAX_OPS_PER_BLOCK, &o->ops_per_block },
		{ O_BLOCKS, "--blocks", min_blocks(), MAX_BLOCKS, &o->blocks },
		{ O_REPLICATES, "--replicates", 1, MAX_BLOCKS, &o->replicates },
		{ O_WARMUP, "--warmup", 0, MAX_BLOCKS, &o->warmup },
		{ O_STATS, "--stats-blocks", 0, MAX_BLOCKS, &o->stats_blocks },
	};
	struct run_args a = { .o = o };
	const struct cli_options co = {
		.opts = opts, .shorts = "v", .numbers = numbers,
		.nnumbers = sizeof(numbers) / sizeof(numbers[0]), .one = one_option, .ctx = &a,
		.usage = usage,
	};
	int err;

	a.nhook_names = hb_hook_names(a.hook_names);
	err = cli_parse_options(argc, argv, &co);
	/*
	 * Under -icount the guest's clock counts every instruction its one CPU
	 * runs, and a block starts on a quiet CPU: CLOCK_MONOTONIC is exact
	 * there, where the thread's CPU clock also carries the ring-buffer
	 * reader's accounting.
	 */
	if (o->icount && !a.clock_given)
		o->clock = HB_CLOCK_WALL;
	if (!err)
		err = check_replicates(o);
	if (!o->btf)
		o->btf = getenv("HOOKBENCH_BTF");
	return err;
}

static void set_defaults(struct run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ops_per_block = DEFAULT_OPS_PER_BLOCK;
	o->blocks = DEFAULT_BLOCKS;
	o->warmup = DEFAULT_WARMUP;
	o->stats_blocks = DEFAULT_STATS_BLOCKS;
	o->cpu = hb_default_cpu();
	o->reference = (size_t)(hb_hook_find(DEFAULT_REFERENCE) - hb_hooks);
	o->control = true;
}

static void fill_unset_lists(struct run_opts *o)
{
	if (!o->nhooks)
		for (; o->nhooks < hb_nhooks; o->nhooks++)
			o->hooks[o->nhooks] = o->nhooks;
	if (!o->npayloads)
		o->payloads[o->npayloads++] = HB_PAYLOAD_COUNT;
	if (!o->nmodes)
		o->modes[o->nmodes++] = STORM_MODE_ENOENT;
	if (!o->nthreads)
		o->threads[o->nthreads++] = 1;
}

/* The reference is measured in the same rounds as the rest: add it when --hooks left it out. */
static void add_reference(struct run_opts *o)
{
	for (size_t h = 0; h < o->nhooks; h++)
		if (o->hooks[h] == o->reference)
			return;
	if (o->nhooks < HB_MAX_LIST)
		o->hooks[o->nhooks++] = o->reference;
}

static bool one_thread_only(const struct run_opts *o)
{
	for (size_t i = 0; i < o->nthreads; i++)
		if (o->threads[i] != 1)
			return false;
	return true;
}

/*
 * A syscall tracepoint flags every task, not only the tracer's: --mode other
 * measures from a process that never touched BPF too (other_remote, one
 * thread only), and both rows are reported.
 */
static void add_remote(struct run_opts *o)
{
	if (run_opts_has_mode(o, STORM_MODE_OTHER) && !run_opts_has_mode(o, STORM_MODE_OTHER_REMOTE) &&
	    one_thread_only(o) && o->nmodes < HB_MAX_LIST)
		o->modes[o->nmodes++] = STORM_MODE_OTHER_REMOTE;
}

/* other_remote's second process runs one loop: it has no threads to add. */
static int check_remote_threads(const struct run_opts *o)
{
	if (!run_opts_has_mode(o, STORM_MODE_OTHER_REMOTE) || one_thread_only(o))
		return 0;
	cli_error("--mode other_remote runs one remote process: it needs --threads 1 "
		  "(measure other_remote in a run of its own)");
	return -EINVAL;
}

int run_args_parse(int argc, char **argv, struct run_opts *o)
{
	set_defaults(o);
	if (parse_run_args(argc, argv, o))
		return -EINVAL;
	fill_unset_lists(o);
	if (check_remote_threads(o))
		return -EINVAL;
	if (!o->experiment) {
		add_reference(o);
		add_remote(o);
	}
	return 0;
}
