// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench list: every hook, whether this kernel runs it (checked by loading
 * it) and whether it can block unlinkat() (proven with the deny payload).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cost_lands.h"
#include "commands.h"
#include "csv.h"
#include "deny_proof.h"
#include "prepare.h"
#include "probe.h"
#include "scratch.h"

static void usage(FILE *f)
{
	fputs("Usage: hookbench list [--csv] [--btf PATH] [-v]\n"
	      "\n"
	      "Every hook, supported or unsupported here with the reason (each one that looks\n"
	      "possible is loaded, attached and detached once), where its cost lands, and\n"
	      "whether it can block unlinkat(): loaded with the deny payload, each supported\n"
	      "hook must make unlinkat() of " HB_DENY_MARKED " fail with EPERM, keep that\n"
	      "file and let other names go (yes; no; not run: the kernel refused the program).\n"
	      "\n"
	      "  --csv        columns hook,status,reason,kind,cost_lands,can_block,block_detail\n"
	      "  --btf PATH   BTF instead of /sys/kernel/btf/vmlinux (or $HOOKBENCH_BTF)\n"
	      "  -v           show libbpf's messages\n"
	      "\n"
	      "Examples:\n"
	      "  hookbench list\n"
	      "  hookbench list --csv > hooks.csv\n", f);
}

/* What each cost-lands class means, under the table. */
static void legend(void)
{
	const enum hb_cost_lands all[] = { HB_COST_THIS_CALL, HB_COST_EVERY_SYSCALL, HB_COST_SLOW_PATH };

	puts("\ncost lands:");
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		printf("  %-28s %s\n", hb_cost_lands_label(all[i]), hb_cost_lands_why(all[i]));
}

struct list_args {
	const char *btf;
	bool csv, verbose;
};

static int one_option(int c, const char *arg, void *ctx)
{
	struct list_args *a = ctx;

	switch (c) {
	case 'c': a->csv = true; break;
	case 'b': a->btf = arg; break;
	case 'v': a->verbose = true; break;
	}
	return 0;
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "csv", no_argument, NULL, 'c' },
		{ "btf", required_argument, NULL, 'b' },
		{ "verbose", no_argument, NULL, 'v' },
		{}
	};
	struct list_args a = { .btf = getenv("HOOKBENCH_BTF") };
	const struct cli_options co = {
		.opts = opts, .shorts = "v", .one = one_option, .ctx = &a, .usage = usage,
	};
	struct storm_scratch scratch = { .dirfd = -1 };
	struct hb_probe_env env;
	bool proof_failed = false;
	char why[512];
	int err;

	if (cli_parse_options(argc, argv, &co))
		return HB_EXIT_USAGE;
	hb_libbpf_verbose(a.verbose);
	if (hb_prepare(a.btf, why, sizeof(why))) {
		cli_error("%s", why);
		return 1;
	}
	/* The deny proofs make and remove their names here. */
	err = storm_scratch_create(&scratch, NULL, 1);
	if (err) {
		cli_error("cannot create a scratch directory for the deny proofs: %s", strerror(-err));
		return 1;
	}
	hb_probe_env_init(&env, a.btf);
	if (a.csv)
		puts("hook,status,reason,kind,cost_lands,can_block,block_detail");
	else
		printf("%-16s %-12s %-30s %-28s %-9s %s\n", "hook", "status", "attach point",
		       "cost lands", "can block", "reason");
	for (size_t i = 0; i < hb_nhooks; i++) {
		const struct hb_hook *h = &hb_hooks[i];
		struct hb_deny_result block = { .can_block = HB_CAN_BLOCK_NOT_RUN };
		struct hb_support sup;
		enum hb_cost_lands cost;
		const char *status, *can_block;

		hb_probe_hook(&env, h, HB_PAYLOAD_COUNT, &sup);
		hb_probe_hook_by_loading(&env, h, &sup);
		status = sup.supported ? "supported" : "unsupported";
		cost = hb_hook_cost_lands(h);
		if (sup.supported && hb_deny_prove(&env, h, &sup, scratch.thread_fd[0], &block)) {
			cli_error("%s: %s", h->name, block.detail);
			proof_failed = true;
		}
		can_block = sup.supported ? hb_can_block_name(block.can_block) : "";
		if (a.csv) {
			const char *row[] = { h->name, status, sup.supported ? "" : sup.reason,
					      hb_hook_kind(h), hb_cost_lands_name(cost), can_block,
					      sup.supported ? block.detail : "" };

			hb_csv_row(stdout, row, 7);
		} else {
			char where[160];

			if (sup.offset)
				snprintf(where, sizeof(where), "%s+0x%lx", sup.target, sup.offset);
			else
				snprintf(where, sizeof(where), "%s", sup.target[0] ? sup.target : "-");
			printf("%-16s %-12s %-30s %-28s %-9s %s\n", h->name, status, where,
			       hb_cost_lands_label(cost), sup.supported ? can_block : "-",
			       sup.supported ? block.detail : sup.reason);
		}
	}
	if (!a.csv)
		legend();
	hb_probe_env_free(&env);
	storm_scratch_destroy(&scratch);
	/* A proof of ours that failed is no answer about the kernel: say so in the status too. */
	return proof_failed ? 1 : 0;
}
