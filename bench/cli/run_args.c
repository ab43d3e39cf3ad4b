// SPDX-License-Identifier: GPL-2.0-only
/* hookbench run's options: the help, the parsing, the defaults. */
#include "run_args.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coverage.h"
#include "cpu.h"
#include "hooks.h"
#include "matrix.h"
#include "object_args.h"
#include "replicates.h"
#include "parse.h"
#include "runlock.h"
#include "stats.h"
#include "storm.h"

#define DEFAULT_BLOCKS 200
#define DEFAULT_WARMUP 2
#define DEFAULT_STATS_BLOCKS 5
#define DEFAULT_REPLICATES 5
#define DEFAULT_REFERENCE "tracepoint"
#define MAX_OPS_PER_BLOCK 100000000ULL
#define MAX_BLOCKS 1000000ULL
#define MAX_COVERAGE_CALLS 100000ULL

/* Pairs a cell needs: two per visit, and enough visits for a 95% interval. */
static uint64_t min_blocks(void)
{
	return 2 * hb_median_ci_min_n(HB_CONFIDENCE);
}

/* "enoent 10000, create 1000, ...": each mode's calls per block by default. */
static void default_ops_list(char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t m = 0; m < STORM_MODE_COUNT && used < len; m++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s %llu", m ? ", " : "",
					 storm_mode_names[m],
					 (unsigned long long)hb_default_ops_per_block(m));
}

static void usage(FILE *f)
{
	const char *hook_names[HB_MAX_HOOKS];
	char hooks[256], payloads[128], modes[128], per_mode[160];

	hb_join_choices(hook_names, hb_hook_names(hook_names), hooks, sizeof(hooks));
	hb_join_choices(storm_mode_names, STORM_MODE_COUNT, modes, sizeof(modes));
	hb_join_choices(hb_payload_names, HB_PAYLOAD_MAX, payloads, sizeof(payloads));
	default_ops_list(per_mode, sizeof(per_mode));
	fprintf(f,
"Usage: hookbench run [OPTIONS]\n"
"\n"
"Measure what each hook adds to one unlinkat() call, in paired blocks, and\n"
"write DIR/runs.csv, summary.csv, summary.json (its rows typed), states.csv,\n"
"replicates.csv, meta.json, then what each hook sees (coverage.csv) and whether\n"
"it can block (blocking.csv).\n"
"Every option is in hookbench(1); the method in the source tree's docs/method.md.\n"
"\n"
"Options:\n"
"  --hooks LIST          hooks to measure (default: all): %s\n"
"  --payload LIST        payloads (default: count): %s\n"
"  --mode LIST           workload modes (default: enoent): %s\n"
"  --threads LIST        workload thread counts, each on its own CPU (default 1)\n"
"  --reference HOOK      the hook ratios compare against (default %s)\n"
"  --no-control          no `none` control row\n"
"  --ops-per-block N     calls per block, in every mode (default: per mode, each\n"
"                        block about as long as enoent's %d calls:\n"
"                        %s)\n"
"  --blocks B            measured pairs per hook, at least %llu (default %d)\n"
"  --warmup W            uncounted rounds first (default %d)\n"
"  --stats-blocks S      bpf_stats blocks per hook, 0 to skip (default %d)\n"
"  --replicates K        replicates for the between-run interval (default %d)\n"
"  --one-load            load the BPF objects once, not once per replicate\n"
"  --history DIR         earlier runs: the run-to-run part of the intervals\n"
"                        (default: the directory holding --out)\n"
"  --no-history          this run's replicates only\n"
"  --clock cpu|wall      what a block is timed with (default cpu)\n"
"  --cpu C               CPU to pin to (default: the last one, %u)\n"
"  --experiment reentry  test hooks inside hooks instead (reentry.csv)\n"
"  --experiment coverage only what each hook sees of every way to remove a\n"
"                        name, and its deny proof (coverage.csv, blocking.csv)\n"
"  --coverage-calls N    calls per path and outcome there (default %d)\n"
"  --no-coverage         no coverage pass or deny proof after the measurement\n"
"  --kprobe-optimization on|off\n"
"                        set /proc/sys/debug/kprobes-optimization for the run\n"
"  --dir D               parent of the scratch directory (default $TMPDIR or /tmp)\n"
"  --out DIR             results directory, must not exist (default results/<UTC time>)\n"
"  --btf PATH            BTF instead of /sys/kernel/btf/vmlinux\n"
"  --allow-foreign       measure on top of foreign BPF programs on the path\n"
"  --allow-concurrent    run although another measurement holds " HB_RUNLOCK_PATH "\n"
"  --host NAME           the machine's name in meta.json (default: uname -n)\n"
"  --object FILE.bpf.o   also measure your own BPF object's programs, each\n"
"                        attached by its SEC(), as rows FILE:PROGRAM\n"
"                        (default --hooks: the reference only)\n"
"  --program NAME        only this program of the object (repeatable)\n"
"  --set NAME=VALUE      set a const volatile global of the object (repeatable)\n"
"  --set-pid NAME        set that global to the workload's pid\n"
"  --attach-symbol SYM   attach kprobe/fentry programs to SYM instead of\n"
"                        the function their SEC() names\n"
"  -v, --verbose         show libbpf's messages\n"
"  -h, --help            show this help\n"
"\n"
"Exit status: 0 done; 1 error or refusal; 2 bad usage; 3 some row mismatch,\n"
"error or contaminated; 130 interrupted (blocks kept in DIR.partial).\n"
"\n"
"Examples:\n"
"  hookbench run                                  # every hook, count payload\n"
"  hookbench run --hooks tracepoint,kprobe --payload empty,count\n"
"  hookbench run --hooks tracepoint,raw_tp --mode enoent,other --out /tmp/r1\n"
"  hookbench run --payload empty,count --mode enoent,other --blocks 160 \\\n"
"      --ops-per-block 5000 --replicates 10       # scripts/run's measurement\n"
"  hookbench run --experiment reentry --hooks tracepoint,kprobe\n"
"  hookbench run --experiment coverage --hooks tracepoint,raw_tp\n"
"  hookbench run --object build/bpf/examples/unlink_tracepoint.bpf.o \\\n"
"      --set-pid target_tgid                      # your program beside tracepoint\n",
		hooks, payloads, modes, DEFAULT_REFERENCE, HB_DEFAULT_OPS_PER_BLOCK, per_mode,
		(unsigned long long)min_blocks(), DEFAULT_BLOCKS, DEFAULT_WARMUP, DEFAULT_STATS_BLOCKS,
		DEFAULT_REPLICATES, hb_default_cpu(), HB_COVERAGE_DEFAULT_CALLS);
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
	if (o->replicates > HB_MAX_REPLICATES) {
		cli_error("invalid --replicates '%llu': at most %d", (unsigned long long)o->replicates,
			  HB_MAX_REPLICATES);
		return -EINVAL;
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
       O_ONE_LOAD, O_HISTORY, O_NO_HISTORY, O_ICOUNT, O_HOST, O_COVERAGE_CALLS,
       O_NO_COVERAGE };

/* What parsing keeps besides the options themselves. */
struct run_args {
	struct run_opts *o;
	struct hb_object_opts *oo;
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
	case O_NO_COVERAGE: o->no_coverage = true; break;
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
	case O_HOST: o->host = arg; break;
	case O_ICOUNT: o->icount = true; break;
	case O_EXPERIMENT:
		if (strcmp(arg, "reentry") && strcmp(arg, "coverage")) {
			cli_error("unknown experiment '%s' (valid: reentry, coverage)", arg);
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
	case O_OBJECT: case O_PROGRAM: case O_SET: case O_SET_PID: case O_ATTACH_SYMBOL:
		err = object_args_option(c, arg, a->oo);
		break;
	}
	return err;
}

static int parse_run_args(int argc, char **argv, struct run_opts *o, struct hb_object_opts *oo)
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
		{ "host", required_argument, NULL, O_HOST },
		{ "icount", no_argument, NULL, O_ICOUNT },
		{ "clock", required_argument, NULL, O_CLOCK },
		{ "kprobe-optimization", required_argument, NULL, O_KOPT },
		{ "threads", required_argument, NULL, O_THREADS },
		{ "experiment", required_argument, NULL, O_EXPERIMENT },
		{ "coverage-calls", required_argument, NULL, O_COVERAGE_CALLS },
		{ "no-coverage", no_argument, NULL, O_NO_COVERAGE },
		{ "reference", required_argument, NULL, O_REFERENCE },
		{ "replicates", required_argument, NULL, O_REPLICATES },
		{ "no-control", no_argument, NULL, O_NO_CONTROL },
		{ "one-load", no_argument, NULL, O_ONE_LOAD },
		{ "history", required_argument, NULL, O_HISTORY },
		{ "no-history", no_argument, NULL, O_NO_HISTORY },
		{ "allow-foreign", no_argument, NULL, O_ALLOW_FOREIGN },
		{ "allow-concurrent", no_argument, NULL, O_ALLOW_CONCURRENT },
		{ "object", required_argument, NULL, O_OBJECT },
		{ "program", required_argument, NULL, O_PROGRAM },
		{ "set", required_argument, NULL, O_SET },
		{ "set-pid", required_argument, NULL, O_SET_PID },
		{ "attach-symbol", required_argument, NULL, O_ATTACH_SYMBOL },
		{ "verbose", no_argument, NULL, 'v' },
		{}
	};
	const struct cli_number numbers[] = {
		{ O_OPS, "--ops-per-block", 1, MAX_OPS_PER_BLOCK, &o->ops_per_block },
		{ O_BLOCKS, "--blocks", min_blocks(), MAX_BLOCKS, &o->blocks },
		{ O_REPLICATES, "--replicates", 1, MAX_BLOCKS, &o->replicates },
		{ O_WARMUP, "--warmup", 0, MAX_BLOCKS, &o->warmup },
		{ O_STATS, "--stats-blocks", 0, MAX_BLOCKS, &o->stats_blocks },
		{ O_COVERAGE_CALLS, "--coverage-calls", 1, MAX_COVERAGE_CALLS, &o->coverage_calls },
	};
	struct run_args a = { .o = o, .oo = oo };
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
	if (!err)
		err = object_args_check(oo, o);
	if (!o->btf)
		o->btf = getenv("HOOKBENCH_BTF");
	return err;
}

static void set_defaults(struct run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->blocks = DEFAULT_BLOCKS;
	o->warmup = DEFAULT_WARMUP;
	o->stats_blocks = DEFAULT_STATS_BLOCKS;
	o->cpu = hb_default_cpu();
	o->reference = (size_t)(hb_hook_find(DEFAULT_REFERENCE) - hb_hooks);
	o->control = true;
}

static void fill_unset_lists(struct run_opts *o, const struct hb_object_opts *oo)
{
	if (!o->nhooks && oo->path)
		o->hooks[o->nhooks++] = o->reference; /* the object's rows beside the reference */
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

int run_args_parse(int argc, char **argv, struct run_opts *o, struct hb_object_opts *oo)
{
	set_defaults(o);
	memset(oo, 0, sizeof(*oo));
	if (parse_run_args(argc, argv, o, oo))
		return -EINVAL;
	fill_unset_lists(o, oo);
	if (check_remote_threads(o))
		return -EINVAL;
	if (!o->experiment) {
		add_reference(o);
		add_remote(o);
	}
	return 0;
}
