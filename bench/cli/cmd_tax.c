// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench tax: how much slower is the workload's loop than a bare
 * syscall(SYS_unlinkat) loop? Interleaved blocks on one pinned CPU; no BPF.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bare_loop.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "cpu.h"
#include "json.h"
#include "stats.h"
#include "storm.h"

#define HB_CONF_TAX 0.95

struct tax_opts {
	uint64_t ops, blocks, warmup;
	unsigned cpu;
	const char *dir;
	bool json;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: hookbench tax [--ops-per-block N] [--blocks B] [--cpu C] [--dir D] [--json]\n"
"\n"
"Time unlink-storm's loop against a bare syscall(SYS_unlinkat) loop in\n"
"interleaved blocks; print the workload's rate as a share of the bare loop's,\n"
"with a 95%% interval. Needs no privileges.\n"
"\n"
"Options:\n"
"  --ops-per-block N   calls per block (default 10000)\n"
"  --blocks B          blocks of each loop (default 200)\n"
"  --cpu C             CPU to pin to (default: the last one)\n"
"  --dir D             parent of the scratch directory (default $TMPDIR or /tmp)\n"
"  --json              print one JSON object\n"
"\n"
"Examples:\n"
"  hookbench tax\n"
"  hookbench tax --blocks 400 --json\n");
}

/* The thread's CPU time, as hookbench run times blocks by default. */
static uint64_t now_ns(void)
{
	return hb_clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static int parse(int argc, char **argv, struct tax_opts *o)
{
	static const struct option opts[] = {
		{ "ops-per-block", required_argument, NULL, 'n' },
		{ "blocks", required_argument, NULL, 'b' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "dir", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	uint64_t v;
	int c, err = 0;

	opterr = 0;
	optind = 1;
	while (!err && (c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': err = cli_u64("--ops-per-block", optarg, 1, 100000000, &o->ops); break;
		case 'b':
			err = cli_u64("--blocks", optarg, hb_median_ci_min_n(HB_CONF_TAX), 1000000,
				      &o->blocks);
			break;
		case 'c':
			err = cli_u64("--cpu", optarg, 0, hb_ncpus() - 1, &v);
			o->cpu = (unsigned)v;
			break;
		case 'd': o->dir = optarg; break;
		case 'j': o->json = true; break;
		case 'h': usage(stdout); exit(0);
		default: err = cli_getopt_error(c, argv);
		}
	}
	if (!err && optind < argc) {
		cli_error("tax: unexpected argument '%s' (see --help)", argv[optind]);
		err = -EINVAL;
	}
	return err;
}

static int measure(const struct tax_opts *o, int dirfd, double *bare, double *storm)
{
	static const _Atomic bool never_stop = false;
	uint64_t done;

	for (uint64_t r = 0; r < o->warmup + o->blocks; r++) {
		double ns[2];

		for (int pos = 0; pos < 2; pos++) {
			bool is_bare = (pos == 0) == (r % 2 == 0);
			uint64_t t0 = now_ns();
			int err = 0;

			if (is_bare)
				hb_bare_unlinkat_loop(dirfd, STORM_ENOENT_NAME, o->ops);
			else
				err = storm_loop(STORM_MODE_ENOENT, dirfd, o->ops, &never_stop, &done);
			ns[is_bare] = (double)(now_ns() - t0) / (double)o->ops;
			if (err)
				return err;
		}
		if (r >= o->warmup) {
			bare[r - o->warmup] = ns[1];
			storm[r - o->warmup] = ns[0];
		}
	}
	return 0;
}

static void report(const struct tax_opts *o, double *bare, double *storm)
{
	double *ratio = malloc(o->blocks * sizeof(double)), mb, ms, mr;
	struct hb_ci ci;

	if (!ratio)
		return;
	for (uint64_t i = 0; i < o->blocks; i++)
		ratio[i] = bare[i] / storm[i];
	mr = hb_median(ratio, o->blocks);
	hb_median_ci(ratio, o->blocks, HB_CONF_TAX, &ci);
	mb = hb_median(bare, o->blocks);
	ms = hb_median(storm, o->blocks);
	if (o->json) {
		struct hb_json j;

		hb_json_init(&j, stdout, false);
		hb_json_object_begin(&j, NULL);
		hb_json_u64(&j, "cpu", o->cpu);
		hb_json_u64(&j, "blocks", o->blocks);
		hb_json_u64(&j, "ops_per_block", o->ops);
		hb_json_double(&j, "bare_ns_per_op", mb);
		hb_json_double(&j, "storm_ns_per_op", ms);
		hb_json_double(&j, "rate_ratio", mr);
		hb_json_double(&j, "ci95_low", ci.valid ? ci.low : NAN);
		hb_json_double(&j, "ci95_high", ci.valid ? ci.high : NAN);
		hb_json_object_end(&j);
		putchar('\n');
	} else {
		printf("harness tax on CPU %u, %llu pairs x %llu ops\n", o->cpu,
		       (unsigned long long)o->blocks, (unsigned long long)o->ops);
		printf("  bare syscall loop   %.2f ns/op (median)\n", mb);
		printf("  unlink-storm loop   %.2f ns/op (median)\n", ms);
		printf("  workload rate       %.2f%% of the bare loop's [%.2f%%, %.2f%%] (95%% CI)\n",
		       mr * 100.0, ci.low * 100.0, ci.high * 100.0);
	}
	free(ratio);
}

int cmd_tax(int argc, char **argv)
{
	struct tax_opts o = { .ops = 10000, .blocks = 200, .warmup = 2, .cpu = hb_default_cpu() };
	struct storm_scratch scratch = { .dirfd = -1 };
	double *bare = NULL, *storm = NULL;
	int err, rc = 1;

	if (parse(argc, argv, &o))
		return HB_EXIT_USAGE;
	bare = calloc(o.blocks, sizeof(double));
	storm = calloc(o.blocks, sizeof(double));
	if (!bare || !storm) {
		cli_error("out of memory");
		goto cleanup;
	}
	err = hb_pin_to_cpu(o.cpu);
	if (err) {
		cli_error("cannot pin to CPU %u: %s", o.cpu, strerror(-err));
		goto cleanup;
	}
	err = storm_scratch_create(&scratch, o.dir, 1);
	if (err) {
		cli_error("cannot create a scratch dir: %s", strerror(-err));
		goto cleanup;
	}
	err = measure(&o, scratch.dirfd, bare, storm);
	if (err) {
		cli_error("the workload failed: %s", strerror(-err));
		goto cleanup;
	}
	report(&o, bare, storm);
	rc = 0;
cleanup:
	storm_scratch_destroy(&scratch);
	free(bare);
	free(storm);
	return rc;
}
