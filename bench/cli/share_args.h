/* SPDX-License-Identifier: GPL-2.0-only */
/* The arguments of report and plot: [--share P | --mix FILE] DIR. */
#ifndef HB_SHARE_ARGS_H
#define HB_SHARE_ARGS_H

#include <stdbool.h>
#include <stdio.h>

struct hb_results;

/* The options' lines of --help, shared by report and plot. */
#define CLI_SHARE_OPTIONS \
	"  --share P     the unlinkat share to decide at, in percent (0.5 or 0.5%)\n" \
	"  --mix FILE    the share in FILE, written by 'hookbench mix'\n" \
	"Without either: DIR/mix.csv when there is one, else 1%.\n"

/*
 * Parse argv (argv[0]: the command's name), load DIR into r and resolve
 * its share (bench/analysis/share.h). Returns true with *given (when not
 * NULL) set when the share came from an option or DIR/mix.csv; otherwise false with the exit
 * status in *rc, the error printed.
 */
bool cli_results_at_share(int argc, char **argv, void (*usage)(FILE *f), struct hb_results *r,
			  bool *given, int *rc);

#endif
