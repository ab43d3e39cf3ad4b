// SPDX-License-Identifier: GPL-2.0-only
/* hookbench run: paired-block overhead measurement of each hook. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attached.h"
#include "btf_info.h"
#include "cli.h"
#include "commands.h"
#include "cpu.h"
#include "figures.h"
#include "linkinfo.h"
#include "matrix.h"
#include "measure.h"
#include "meta.h"
#include "outdir.h"
#include "parse.h"
#include "prepare.h"
#include "reentry.h"
#include "probe.h"
#include "stats.h"
#include "states_csv.h"
#include "stop.h"
#include "summary.h"
#include "sysinfo.h"
#include "workers.h"

#define DEFAULT_OPS_PER_BLOCK 10000
#define DEFAULT_BLOCKS 200
#define DEFAULT_WARMUP 2
#define DEFAULT_STATS_BLOCKS 5
#define DEFAULT_REPLICATES 5
#define DEFAULT_REFERENCE "tracepoint"
#define MIN_ROUNDS_PER_REPLICATE 2
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
	char hooks[256], payloads[128];

	hb_join_choices(hook_names, hb_hook_names(hook_names), hooks, sizeof(hooks));
	hb_join_choices(hb_payload_names, HB_PAYLOAD_MAX, payloads, sizeof(payloads));
	fprintf(f,
"Usage: hookbench run [OPTIONS]\n"
"\n"
"Measure what each hook adds to one unlinkat() call, in this process, pinned\n"
"to one CPU. Each round visits every hook x payload x mode once and runs\n"
"blocks of unlinkat() calls as baseline (nothing attached), hooked, hooked,\n"
"baseline: two adjacent pairs, one in each order, per attach/detach. A visit's\n"
"difference is the mean of its two pairs' (hooked - baseline ns/op). The\n"
"overhead is the median of the visit differences with a distribution-free 95%%\n"
"interval over visits. The rounds are also split into --replicates contiguous\n"
"replicates, each giving its own median: their spread gives where another run\n"
"should land (between_run_low/high_ns), which includes drift of the machine\n"
"that one run's interval does not.\n"
"\n"
"Every hook is also compared with a reference hook measured in the same\n"
"rounds: the ratio of visit differences, round by round, is stable where\n"
"absolute figures drift from run to run (ratio_vs_reference, with its\n"
"between-run interval from the replicates). A control cell `none` (unless\n"
"--no-control) runs the same schedule with nothing attached: its interval is\n"
"the noise floor and should contain 0. Blocks with bpf_stats on, spread over\n"
"the rounds, give the in-program cost; bpf_stats is off in every other block.\n"
"\n"
"Options:\n"
"  --hooks LIST          hooks to measure (default: all): %s\n"
"  --payload LIST        payloads (default: count): %s\n"
"                        empty returns before reading anything, so it is the\n"
"                        hook's dispatch alone; on raw_tp and tp_btf it runs,\n"
"                        unfiltered, on every syscall of every process\n"
"                        (with empty measured, rows of the same hook get\n"
"                        dispatch_ns and body_ns)\n"
"  --mode LIST           workload modes (default: enoent): enoent, create\n"
"  --threads LIST        workload thread counts (default 1), e.g. 1,2: each thread\n"
"                        on its own CPU; one row per count\n"
"  --reference HOOK      the hook ratios compare against (default %s; when it\n"
"                        cannot run here, the first hook of the run that can);\n"
"                        measured even when --hooks leaves it out\n"
"  --replicates K        contiguous replicates the rounds are split into, each\n"
"                        at least %d rounds (default %d, fewer when the run is\n"
"                        too short for that); below 3 the between-run columns\n"
"                        stay empty\n"
"  --no-control          no `none` control cell\n"
"  --ops-per-block N     unlinkat calls per block (default %d)\n"
"  --clock cpu|wall      what a block is timed with (default cpu: the measuring\n"
"                        thread's CPU time, so time other tasks take is left out;\n"
"                        the hook runs in the thread's own syscall, so it counts)\n"
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
"  --timing-note TEXT    what the timings are, for the timing column (default\n"
"                        \"wall\"; hookbench vm sets it for emulated guests)\n"
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
"  1    an error before, while or after measuring (said on stderr)\n"
"  2    bad usage\n"
"  3    finished and results written, but some row is 'mismatch' or 'error'\n"
"  130  stopped by SIGINT, SIGTERM or SIGHUP: completed blocks kept in\n"
"       DIR.partial (a second signal ends it at once, by that signal)\n"
"\n"
"Examples:\n"
"  hookbench run                                     # every hook, default sizes\n"
"  hookbench run --hooks raw_tp,kprobe --payload empty,count --replicates 5\n"
"                              # ratios to tracepoint, dispatch and body split\n"
"  hookbench run --hooks tracepoint --blocks 800     # about a minute here, tighter CI\n"
"  hookbench run --payload count,capture --mode enoent,create --out /tmp/r1\n",
		hooks, payloads, DEFAULT_REFERENCE, MIN_ROUNDS_PER_REPLICATE, DEFAULT_REPLICATES,
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
 * Every replicate needs MIN_ROUNDS_PER_REPLICATE rounds. Unset, the default
 * shrinks to what the run's rounds allow; given, it must fit.
 */
static int check_replicates(struct run_opts *o)
{
	uint64_t rounds = hb_rounds_for_blocks(o->blocks);
	uint64_t most = rounds / MIN_ROUNDS_PER_REPLICATE;

	if (!o->replicates) {
		o->replicates = most < DEFAULT_REPLICATES ? most : DEFAULT_REPLICATES;
		return 0;
	}
	if (o->replicates <= most)
		return 0;
	cli_error("invalid --replicates '%llu' with --blocks %llu: %llu rounds make at most %llu "
		  "replicates of %d rounds", (unsigned long long)o->replicates,
		  (unsigned long long)o->blocks, (unsigned long long)rounds,
		  (unsigned long long)most, MIN_ROUNDS_PER_REPLICATE);
	return -EINVAL;
}

static int parse_run_args(int argc, char **argv, struct run_opts *o)
{
	enum { O_HOOKS = 256, O_PAYLOAD, O_MODE, O_OPS, O_BLOCKS, O_WARMUP, O_STATS, O_CPU,
	       O_DIR, O_OUT, O_BTF, O_TIMING_NOTE, O_CLOCK, O_KOPT, O_THREADS, O_EXPERIMENT,
	       O_REFERENCE, O_REPLICATES, O_NO_CONTROL };
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
		{ "clock", required_argument, NULL, O_CLOCK },
		{ "kprobe-optimization", required_argument, NULL, O_KOPT },
		{ "threads", required_argument, NULL, O_THREADS },
		{ "experiment", required_argument, NULL, O_EXPERIMENT },
		{ "reference", required_argument, NULL, O_REFERENCE },
		{ "replicates", required_argument, NULL, O_REPLICATES },
		{ "no-control", no_argument, NULL, O_NO_CONTROL },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *hook_names[HB_MAX_HOOKS];
	size_t nref;
	uint64_t v;
	int c, err = 0;

	opterr = 0;
	optind = 1;
	while (!err && (c = getopt_long(argc, argv, ":vh", opts, NULL)) != -1) {
		switch (c) {
		case O_HOOKS:
			err = cli_choices("--hooks", "hook", optarg, hook_names, hb_hook_names(hook_names),
					  o->hooks, HB_MAX_LIST, &o->nhooks);
			break;
		case O_PAYLOAD:
			err = cli_choices("--payload", "payload", optarg, hb_payload_names,
					  HB_PAYLOAD_MAX, o->payloads, HB_MAX_LIST, &o->npayloads);
			break;
		case O_MODE:
			err = cli_choices("--mode", "mode", optarg, storm_mode_names, STORM_MODE_COUNT,
					  o->modes, HB_MAX_LIST, &o->nmodes);
			break;
		case O_OPS:
			err = cli_u64("--ops-per-block", optarg, 1, MAX_OPS_PER_BLOCK, &o->ops_per_block);
			break;
		case O_BLOCKS:
			err = cli_u64("--blocks", optarg, min_blocks(), MAX_BLOCKS, &o->blocks);
			break;
		case O_REFERENCE:
			err = cli_choices("--reference", "hook", optarg, hook_names,
					  hb_hook_names(hook_names), &o->reference, 1, &nref);
			o->reference_given = true;
			break;
		case O_REPLICATES:
			err = cli_u64("--replicates", optarg, 1, MAX_BLOCKS, &o->replicates);
			break;
		case O_NO_CONTROL: o->control = false; break;
		case O_WARMUP:
			err = cli_u64("--warmup", optarg, 0, MAX_BLOCKS, &o->warmup);
			break;
		case O_STATS:
			err = cli_u64("--stats-blocks", optarg, 0, MAX_BLOCKS, &o->stats_blocks);
			break;
		case O_CPU:
			err = cli_u64("--cpu", optarg, 0, hb_ncpus() - 1, &v);
			o->cpu = (unsigned)v;
			break;
		case O_DIR: o->scratch_parent = optarg; break;
		case O_OUT: o->out = optarg; break;
		case O_BTF: o->btf = optarg; break;
		case O_TIMING_NOTE: o->timing_note = optarg; break;
		case O_EXPERIMENT:
			if (strcmp(optarg, "reentry")) {
				cli_error("unknown experiment '%s' (valid: reentry)", optarg);
				err = -EINVAL;
			}
			o->experiment = optarg;
			break;
		case O_THREADS:
			err = parse_threads(optarg, o);
			break;
		case O_KOPT:
			if (strcmp(optarg, "on") && strcmp(optarg, "off")) {
				cli_error("invalid --kprobe-optimization '%s' (valid: on, off)", optarg);
				err = -EINVAL;
			}
			o->kprobe_optimization = optarg;
			break;
		case O_CLOCK: {
			size_t idx, n;

			err = cli_choices("--clock", "clock", optarg, hb_clock_names, HB_CLOCK_MAX,
					  &idx, 1, &n);
			if (!err)
				o->clock = (enum hb_clock)idx;
			break;
		}
		case 'v': o->verbose = true; break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			err = cli_getopt_error(c, argv);
		}
	}
	if (!err && optind < argc) {
		cli_error("run: unexpected argument '%s' (see --help)", argv[optind]);
		err = -EINVAL;
	}
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

/* Everything that is measured, from the created DIR.partial to its last file. */
struct run_state {
	struct run_opts o;
	struct hb_probe_env env;
	struct hb_matrix m;
	struct storm_scratch scratch;
	struct hb_outdir out;
	struct hb_drain drain;
	unsigned reader_cpu; /* the ring-buffer reader's CPU */
	struct hb_figures figs;
	struct hb_sysctl_guard kopt;
	char kopt_before[32];
	struct hb_workers *workers;
	struct hb_meta meta;
	struct hb_attached attached; /* others' programs on the syscall path */
	FILE *runs;
	char started[32], finished[32];
};

static int write_summary(FILE *f, const struct run_state *st)
{
	return hb_summary_write_csv(f, &st->m, &st->figs, &st->o, st->meta.timing);
}

static int write_states(FILE *f, const struct run_state *st)
{
	return hb_states_csv_write(f, &st->m, &st->figs.speed, HB_CONFIDENCE);
}

static int write_meta(FILE *f, const struct run_state *st)
{
	return hb_meta_write(f, &st->meta);
}

static int write_file(struct run_state *st, const char *name,
		      int (*write)(FILE *f, const struct run_state *st))
{
	FILE *f = hb_outdir_fopen(&st->out, name);
	int err;

	if (!f)
		return -errno;
	err = write(f, st);
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

/* Figures, then summary.csv, states.csv and meta.json. */
static int write_results(struct run_state *st)
{
	int err;

	err = hb_figures_compute(&st->figs, &st->m, &st->o, st->reader_cpu == st->o.cpu);
	if (!err)
		err = write_file(st, "summary.csv", write_summary);
	if (!err)
		err = write_file(st, "states.csv", write_states);
	if (!err)
		err = write_file(st, "meta.json", write_meta);
	return err;
}

static int measure_and_write(struct run_state *st, char *why, size_t len)
{
	struct hb_measure x = {
		.o = &st->o, .m = &st->m, .dirfds = st->scratch.thread_fd, .workers = st->workers,
		.stop = &hb_stop_requested, .drain = &st->drain,
		.reader_shares_cpu = st->reader_cpu == st->o.cpu,
	};
	int err, werr;

	err = hb_outdir_create(&st->out, st->o.out, why, len);
	if (err)
		return err;
	st->runs = hb_outdir_fopen(&st->out, "runs.csv");
	if (!st->runs) {
		err = -errno;
		snprintf(why, len, "cannot write %.512s/runs.csv: %s", st->out.partial, strerror(-err));
		return err;
	}
	x.runs = st->runs;
	hb_measure_write_header(st->runs);
	err = hb_drain_start(&st->drain, &st->m, st->reader_cpu);
	if (err) {
		snprintf(why, len, "cannot start the ring buffer reader: %s", strerror(-err));
		return err;
	}
	err = hb_measure_run(&x, why, len);
	hb_drain_stop(&st->drain);
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	st->meta.interrupted = err == -EINTR;
	st->meta.ringbuf_reader_cpu = hb_drain_cpu(&st->drain);
	werr = write_results(st);
	if (werr && !err) {
		snprintf(why, len, "cannot write results in %.512s: %s", st->out.partial, strerror(-werr));
		err = werr;
	}
	return err;
}

#define KPROBES_OPTIMIZATION "/proc/sys/debug/kprobes-optimization"

/* --kprobe-optimization: set for the run where the kernel has the switch. */
static int set_kprobe_optimization(struct run_state *st, char *why, size_t len)
{
	const char *want = st->o.kprobe_optimization;
	int err;

	if (!want)
		return 0;
	err = hb_sysctl_guard_set(&st->kopt, KPROBES_OPTIMIZATION, strcmp(want, "on") ? "0" : "1",
				  why, len);
	if (err == -ENOENT) {
		fprintf(stderr, "hookbench: warning: no " KPROBES_OPTIMIZATION
			" (kernel without CONFIG_OPTPROBES): --kprobe-optimization %s has no effect\n", want);
		st->meta.kprobe_optimization = "not available";
		return 0;
	}
	if (err)
		return err;
	hb_stop_guard(&st->kopt);
	snprintf(st->kopt_before, sizeof(st->kopt_before), "%.*s",
		 (int)strcspn(st->kopt.old, "\n"), st->kopt.old);
	st->meta.kprobe_optimization = want;
	st->meta.kprobe_optimization_before = st->kopt_before;
	return 0;
}

static unsigned max_threads(const struct run_opts *o)
{
	unsigned n = 1;

	for (size_t i = 0; i < o->nthreads; i++)
		if (o->threads[i] > n)
			n = o->threads[i];
	return n;
}

/*
 * Thread 0 is this thread on --cpu; the others get the other CPUs. Called
 * before this thread is pinned, while it may still see every CPU.
 */
static int start_workers(struct run_state *st, char *why, size_t len)
{
	unsigned cpus[HB_MAX_THREADS], n = max_threads(&st->o);
	int err;

	cpus[0] = st->o.cpu;
	if (hb_other_cpus(st->o.cpu, cpus + 1, n - 1) < n - 1) {
		snprintf(why, len, "--threads %u needs %u CPUs; this process may use %u", n, n,
			 hb_usable_cpus());
		return -ERANGE;
	}
	err = hb_workers_start(&st->workers, n, cpus);
	if (err)
		snprintf(why, len, "cannot start %u workload threads: %s", n, strerror(-err));
	return err;
}

/* Before anything of this run is attached (probing attaches each hook once). */
static void note_syscall_progs(struct run_state *st)
{
	int err = hb_attached_collect(&st->attached);

	if (err) {
		fprintf(stderr, "hookbench: warning: cannot list the BPF programs attached to the "
			"syscall path: %s\n", strerror(-err));
		return;
	}
	st->meta.syscall_progs = &st->attached;
	if (st->attached.n)
		fprintf(stderr, "hookbench: warning: %zu BPF program(s) of others already run on the "
			"syscall path (first: %s on %s): every figure includes them; see meta.json\n",
			st->attached.n, st->attached.progs[0].name, st->attached.progs[0].attach);
}

static void pick_reference(struct run_state *st)
{
	const struct hb_hook *want = &hb_hooks[st->o.reference];

	hb_matrix_pick_reference(&st->m, &st->o);
	st->meta.reference = st->m.reference ? st->m.reference->name : NULL;
	if (st->m.reference == want)
		return;
	if (st->m.reference)
		fprintf(stderr, "hookbench: warning: the reference hook %s cannot run here: ratios are "
			"to %s instead\n", want->name, st->m.reference->name);
	else
		fprintf(stderr, "hookbench: warning: no hook of the run can run here: no ratios\n");
}

static int prepare_run(struct run_state *st, char *why, size_t len)
{
	char outbuf[64];
	int err;

	err = hb_prepare(st->o.btf, why, len);
	if (err)
		return err;
	note_syscall_progs(st);
	if (!st->o.out) {
		hb_outdir_default(outbuf, sizeof(outbuf));
		st->o.out = strdup(outbuf);
		if (!st->o.out)
			return -ENOMEM;
	}
	err = hb_outdir_check(st->o.out, why, len);
	if (err)
		return err;
	err = start_workers(st, why, len);
	if (err)
		return err;
	st->reader_cpu = hb_drain_pick_cpu(st->o.cpu, max_threads(&st->o) - 1);
	err = hb_pin_to_cpu(st->o.cpu);
	if (err) {
		snprintf(why, len, "cannot pin to CPU %u: %s", st->o.cpu, strerror(-err));
		return err;
	}
	hb_probe_env_init(&st->env, st->o.btf);
	if (!st->o.experiment) {
		err = hb_matrix_init(&st->m, &st->o, &st->env);
		if (err) {
			snprintf(why, len, "out of memory");
			return err;
		}
		hb_matrix_load(&st->m, &st->o, &st->env);
		pick_reference(st);
	}
	err = storm_scratch_create(&st->scratch, st->o.scratch_parent, max_threads(&st->o));
	if (err) {
		snprintf(why, len, "cannot create the workload's scratch dir in %s: %s",
			 st->o.scratch_parent ? st->o.scratch_parent : "$TMPDIR", strerror(-err));
		return err;
	}
	st->meta.kprobe_missed = hb_linkinfo_reports_missed(st->env.btf, hb_hook_find("kprobe"), NULL);
	return set_kprobe_optimization(st, why, len);
}

/* --experiment reentry: reentry.csv and meta.json instead of the measurement. */
static int run_reentry(struct run_state *st, char *why, size_t len)
{
	FILE *csv;
	int err, cerr;

	err = hb_outdir_create(&st->out, st->o.out, why, len);
	if (err)
		return err;
	csv = hb_outdir_fopen(&st->out, "reentry.csv");
	if (!csv) {
		err = -errno;
		snprintf(why, len, "cannot write %.512s/reentry.csv: %s", st->out.partial, strerror(-err));
		return err;
	}
	err = hb_reentry_run(&st->o, &st->env, st->scratch.thread_fd[0], st->o.ops_per_block, csv,
			     stdout);
	cerr = fclose(csv) ? -errno : 0;
	hb_utc_now(st->finished, sizeof(st->finished));
	st->meta.finished = st->finished;
	if (!err)
		err = cerr ? cerr : write_file(st, "meta.json", write_meta);
	if (err && !why[0])
		snprintf(why, len, "the reentry experiment failed: %s", strerror(-err));
	return err;
}

int cmd_run(int argc, char **argv, int main_argc, char **main_argv)
{
	struct run_state st = { .runs = NULL };
	bool out_allocated;
	char why[1024] = "";
	size_t failed = 0;
	int err, rc = 1;

	set_defaults(&st.o);
	st.scratch.dirfd = -1;
	st.kopt.fd = -1;
	if (parse_run_args(argc, argv, &st.o))
		return HB_EXIT_USAGE;
	fill_unset_lists(&st.o);
	if (!st.o.experiment)
		add_reference(&st.o);
	out_allocated = st.o.out == NULL;
	hb_libbpf_verbose(st.o.verbose);
	hb_utc_now(st.started, sizeof(st.started));
	st.meta = (struct hb_meta){
		.argc = main_argc, .argv = main_argv, .kconfig = &st.env.kconfig,
		.opts = &st.o, .started = st.started,
		.timing = st.o.timing_note ? st.o.timing_note : "wall",
		.bpf_stats_sysctl = hb_read_sysctl("/proc/sys/kernel/bpf_stats_enabled"),
		.ringbuf_reader_cpu = -1,
	};
	if (st.meta.bpf_stats_sysctl > 0)
		fprintf(stderr, "hookbench: warning: kernel.bpf_stats_enabled=1 system-wide: "
			"every overhead figure includes bpf_stats' own cost\n");
	err = hb_stop_install();
	if (!err)
		err = prepare_run(&st, why, sizeof(why));
	if (!err)
		err = st.o.experiment ? run_reentry(&st, why, sizeof(why))
				      : measure_and_write(&st, why, sizeof(why));
	if (st.runs)
		fclose(st.runs);
	hb_sysctl_guard_release(&st.kopt);
	if (err == -EINTR) {
		fprintf(stderr, "\nhookbench: interrupted by signal %d: completed blocks kept in %s\n",
			hb_stop_signal, st.out.partial);
		rc = HB_EXIT_INTERRUPTED;
	} else if (err) {
		cli_error("%s", why[0] ? why : strerror(-err));
	} else if (hb_outdir_commit(&st.out, why, sizeof(why))) {
		cli_error("%s", why);
	} else {
		if (!st.o.experiment) {
			hb_summary_print(stdout, &st.m, &st.figs);
			failed = hb_summary_failed_rows(&st.m, &st.figs);
		}
		printf("results: %s\n", st.out.final);
		if (failed)
			cli_error("%zu of %zu rows are 'mismatch' or 'error' (see their reason)", failed,
				  st.m.n);
		rc = failed ? HB_EXIT_FAILED_ROWS : 0;
	}
	hb_workers_stop(st.workers);
	hb_figures_free(&st.figs);
	hb_matrix_free(&st.m);
	if (storm_scratch_destroy(&st.scratch) == -ENOTEMPTY)
		fprintf(stderr, "hookbench: warning: left %s in place: it holds files hookbench did not create\n",
			st.scratch.path);
	hb_probe_env_free(&st.env);
	hb_attached_free(&st.attached);
	if (out_allocated)
		free((char *)st.o.out);
	return rc;
}
