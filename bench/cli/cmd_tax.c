// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench tax: how much slower is the workload's loop than a bare
 * syscall(SYS_unlinkat) loop? Interleaved blocks on one pinned CPU; no BPF.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "cpu.h"
#include "json.h"
#include "tax.h"

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

struct tax_args {
	struct hb_tax_opts *o;
	bool *json;
};

static int one_option(int c, const char *arg, void *ctx)
{
	struct tax_args *t = ctx;
	uint64_t v;
	int err = 0;

	switch (c) {
	case 'c':
		err = cli_u64("--cpu", arg, 0, hb_ncpus() - 1, &v);
		t->o->cpu = (unsigned)v;
		break;
	case 'd': t->o->dir = arg; break;
	case 'j': *t->json = true; break;
	}
	return err;
}

static int parse(int argc, char **argv, struct hb_tax_opts *o, bool *json)
{
	static const struct option opts[] = {
		{ "ops-per-block", required_argument, NULL, 'n' },
		{ "blocks", required_argument, NULL, 'b' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "dir", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{}
	};
	const struct cli_number numbers[] = {
		{ 'n', "--ops-per-block", 1, 100000000, &o->ops },
		{ 'b', "--blocks", hb_median_ci_min_n(HB_TAX_CONFIDENCE), 1000000, &o->blocks },
	};
	struct tax_args t = { .o = o, .json = json };
	const struct cli_options co = {
		.opts = opts, .numbers = numbers, .nnumbers = 2, .one = one_option, .ctx = &t,
		.usage = usage,
	};

	return cli_parse_options(argc, argv, &co);
}

static void print(const struct hb_tax_opts *o, const struct hb_tax *t, bool json)
{
	if (json) {
		struct hb_json j;

		hb_json_init(&j, stdout, false);
		hb_json_object_begin(&j, NULL);
		hb_json_u64(&j, "cpu", o->cpu);
		hb_json_u64(&j, "blocks", o->blocks);
		hb_json_u64(&j, "ops_per_block", o->ops);
		hb_json_double(&j, "bare_ns_per_op", t->bare_ns);
		hb_json_double(&j, "storm_ns_per_op", t->storm_ns);
		hb_json_double(&j, "rate_ratio", t->ratio);
		hb_json_double(&j, "ci95_low", t->ci.valid ? t->ci.low : NAN);
		hb_json_double(&j, "ci95_high", t->ci.valid ? t->ci.high : NAN);
		hb_json_object_end(&j);
		putchar('\n');
	} else {
		printf("harness tax on CPU %u, %llu pairs x %llu ops\n", o->cpu,
		       (unsigned long long)o->blocks, (unsigned long long)o->ops);
		printf("  bare syscall loop   %.2f ns/op (median)\n", t->bare_ns);
		printf("  unlink-storm loop   %.2f ns/op (median)\n", t->storm_ns);
		printf("  workload rate       %.2f%% of the bare loop's [%.2f%%, %.2f%%] (95%% CI)\n",
		       t->ratio * 100.0, t->ci.low * 100.0, t->ci.high * 100.0);
	}
}

int cmd_tax(int argc, char **argv)
{
	struct hb_tax_opts o = { .ops = 10000, .blocks = 200, .warmup = 2, .cpu = hb_default_cpu() };
	struct hb_tax t;
	bool json = false;
	char why[256];

	if (parse(argc, argv, &o, &json))
		return HB_EXIT_USAGE;
	if (hb_tax_run(&o, &t, why, sizeof(why))) {
		cli_error("%s", why);
		return 1;
	}
	print(&o, &t, json);
	return 0;
}
