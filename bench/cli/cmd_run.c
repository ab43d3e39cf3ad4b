// SPDX-License-Identifier: GPL-2.0-only
/* hookbench run: paired-block overhead measurement of each hook. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "matrix.h"
#include "object_args.h"
#include "prepare.h"
#include "run.h"
#include "run_args.h"
#include "summary.h"

int cmd_run(int argc, char **argv, int main_argc, char **main_argv)
{
	struct hb_run_result r;
	static struct hb_object_opts oo; /* the object's rows point into it */
	struct run_opts o;
	char why[1024] = "";
	size_t failed = 0;
	int err, rc = 1;

	if (run_args_parse(argc, argv, &o, &oo))
		return HB_EXIT_USAGE;
	hb_libbpf_verbose(o.verbose); /* opening the object is the first libbpf call */
	if (object_args_rows(&oo, &o))
		return 1;
	err = hb_run(&o, main_argc, main_argv, &r, why, sizeof(why));
	if (err == -EINTR) {
		if (o.experiment)
			fprintf(stderr, "\nhookbench: interrupted by signal %d: the experiment stopped, nothing left attached\n",
				r.signal);
		else
			fprintf(stderr, "\nhookbench: interrupted by signal %d: completed blocks kept in %s\n",
				r.signal, r.partial);
		rc = HB_EXIT_INTERRUPTED;
	} else if (err) {
		cli_error("%s", why[0] ? why : strerror(-err));
	} else {
		if (r.m) {
			hb_summary_print(stdout, r.m, r.figs);
			failed = hb_summary_failed_rows(r.m, r.figs);
		}
		printf("results: %s\n", r.final);
		if (failed)
			cli_error("%zu of %zu rows are 'mismatch', 'error' or 'contaminated' (see their "
				  "reason)", failed, r.m->n);
		rc = failed ? HB_EXIT_FAILED_ROWS : 0;
	}
	hb_run_end(&r);
	return rc;
}
