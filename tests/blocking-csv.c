// SPDX-License-Identifier: GPL-2.0-only
/*
 * hb-blocking-csv HOOK...: blocking.csv for these hooks on stdout, written
 * by hb_blocking_csv_write() as a run writes it into its results. Exits 0,
 * 1 when a proof failed (the row says why), 2 for an unknown hook.
 */
#include <stdio.h>

#include "deny_proof.h"
#include "prepare.h"

int main(int argc, char **argv)
{
	const struct hb_hook *hooks[HB_MAX_HOOKS];
	struct hb_blocking_input in = { .hooks = hooks };
	struct hb_probe_env env;
	char why[512];
	int err;

	for (int i = 1; i < argc; i++) {
		if (in.nhooks == HB_MAX_HOOKS || !(hooks[in.nhooks++] = hb_hook_find(argv[i]))) {
			fprintf(stderr, "hb-blocking-csv: unknown hook '%s'\n", argv[i]);
			return 2;
		}
	}
	hb_libbpf_verbose(false);
	if (hb_prepare(NULL, why, sizeof(why))) {
		fprintf(stderr, "hb-blocking-csv: %s\n", why);
		return 1;
	}
	hb_probe_env_init(&env, NULL);
	in.env = &env;
	err = hb_blocking_csv_write(stdout, &in);
	hb_probe_env_free(&env);
	return err ? 1 : 0;
}
