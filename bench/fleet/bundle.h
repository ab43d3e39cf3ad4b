/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A self-contained bundle (hookbench bundle): the static programs (their BPF
 * objects are inside them, in the skeletons), the gnuplot scripts and a run
 * script, under one top folder, packed as a .tar.gz.
 */
#ifndef HB_BUNDLE_H
#define HB_BUNDLE_H

#include <stddef.h>

/* The architectures a bundle can be built for, as the manifest names them. */
#define HB_BUNDLE_ARCHES "x86_64, arm64"

struct hb_bundle_opts {
	const char *out;      /* the FILE.tar.gz to write; must not exist */
	const char *arch;     /* x86_64 or arm64; NULL: the arch hookbench was built for */
	const char *programs; /* where the static programs are; NULL: this build's */
};

/* Write the bundle. 0, or -errno with why (one line, no prefix). */
int hb_bundle_write(const struct hb_bundle_opts *o, char *why, size_t whylen);

/*
 * The architecture of the ELF program at path ("x86_64", "arm64", or
 * "other"), and whether it is statically linked (no program interpreter).
 * 0, or -errno with why (-ENOEXEC: not an ELF program).
 */
int hb_bundle_elf(const char *path, const char **arch, int *is_static, char *why, size_t whylen);

#endif
