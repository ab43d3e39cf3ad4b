// SPDX-License-Identifier: GPL-2.0-only
#include "object_args.h"

#include <errno.h>
#include <string.h>

#include "cli.h"

int object_args_option(int c, const char *arg, struct hb_object_opts *oo)
{
	switch (c) {
	case O_OBJECT:
		if (oo->path) {
			cli_error("--object: one object per run (measure another in a run of its own)");
			return -EINVAL;
		}
		oo->path = arg;
		return 0;
	case O_PROGRAM:
		if (oo->nprograms == HB_OBJECT_MAX_PROGS) {
			cli_error("--program: at most %d programs", HB_OBJECT_MAX_PROGS);
			return -EINVAL;
		}
		oo->programs[oo->nprograms++] = arg;
		return 0;
	case O_SET:
		if (oo->nsets == HB_OBJECT_MAX_SETS) {
			cli_error("--set: at most %d globals", HB_OBJECT_MAX_SETS);
			return -EINVAL;
		}
		if (hb_object_parse_set(arg, &oo->sets[oo->nsets])) {
			cli_error("invalid --set '%s' (valid: NAME=VALUE, NAME a global of the object)", arg);
			return -EINVAL;
		}
		oo->nsets++;
		return 0;
	case O_SET_PID: oo->set_pid = arg; return 0;
	case O_ATTACH_SYMBOL: oo->attach_symbol = arg; return 0;
	}
	return -EINVAL;
}

int object_args_check(const struct hb_object_opts *oo, const struct run_opts *o)
{
	if (!oo->path && (oo->nprograms || oo->nsets || oo->set_pid || oo->attach_symbol)) {
		cli_error("--program, --set, --set-pid and --attach-symbol need --object FILE");
		return -EINVAL;
	}
	if (!oo->path)
		return 0;
	if (o->experiment) {
		cli_error("--object measures its programs: --experiment runs the built-in hooks only");
		return -EINVAL;
	}
	if (!o->stats_blocks) {
		cli_error("--object counts its programs' runs in the bpf_stats blocks: --stats-blocks "
			  "must be at least 1");
		return -EINVAL;
	}
	return 0;
}

int object_args_rows(const struct hb_object_opts *oo, struct run_opts *o)
{
	static struct hb_object_rows rows;
	char why[1024] = "";
	int err;

	if (!oo->path)
		return 0;
	err = hb_object_rows_build(oo, &rows, why, sizeof(why));
	if (err) {
		cli_error("%s", why[0] ? why : strerror(-err));
		return err;
	}
	if (rows.skipped[0])
		cli_error("note: %s: not measured, libbpf cannot attach their sections on its own: %s",
			  oo->path, rows.skipped);
	o->objects = rows.hooks;
	o->nobjects = rows.n;
	return 0;
}
