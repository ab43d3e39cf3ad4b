/* SPDX-License-Identifier: GPL-2.0-only */
/* hookbench run's command line. */
#ifndef HB_RUN_ARGS_H
#define HB_RUN_ARGS_H

#include "object.h"
#include "run_opts.h"

/*
 * Fill o from argv: defaults, the options, then what the options leave
 * implied (every hook, the count payload, the reference hook among the
 * hooks), and the --object options into oo. Prints --help and exits 0 on
 * -h; prints the error and returns -EINVAL on bad usage.
 */
int run_args_parse(int argc, char **argv, struct run_opts *o, struct hb_object_opts *oo);

#endif
