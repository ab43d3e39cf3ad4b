/* SPDX-License-Identifier: GPL-2.0-only */
/* hookbench run's --object options, and the rows they make. */
#ifndef HB_OBJECT_ARGS_H
#define HB_OBJECT_ARGS_H

#include "object.h"
#include "run_opts.h"

/* The options' ids in hookbench run's option table. */
enum { O_OBJECT = 512, O_PROGRAM, O_SET, O_SET_PID, O_ATTACH_SYMBOL };

/* One of the options above into oo. 0, or -EINVAL with the error printed. */
int object_args_option(int c, const char *arg, struct hb_object_opts *oo);

/*
 * After parsing: the options' rules (the others need --object; --object
 * needs bpf_stats blocks, and measures rather than runs an experiment).
 * 0, or -EINVAL with the error printed.
 */
int object_args_check(const struct hb_object_opts *oo, const struct run_opts *o);

/*
 * Open the object and make its rows (o->objects). 0, or -errno with the
 * one-line reason printed (a file that is not a BPF object, a section
 * libbpf cannot attach, a --set name that is not a global, ...).
 */
int object_args_rows(const struct hb_object_opts *oo, struct run_opts *o);

#endif
