/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where hookbench's own files are: found from the running binary's location,
 * never through the source tree, so the build tree and an installed copy work
 * alike. HOOKBENCH_DATADIR and HOOKBENCH_LIBEXECDIR override (for tests).
 */
#ifndef HB_PATHS_H
#define HB_PATHS_H

#include <stddef.h>

/* DATADIR/hookbench/rel (plot scripts). Returns 0, or -errno when it is not there. */
int hb_path_data(const char *rel, char *buf, size_t len);

/* LIBEXECDIR/hookbench/rel (the VM runner, the guest init, static guest programs). */
int hb_path_libexec(const char *rel, char *buf, size_t len);

/* Another hookbench program (unlink-storm, tp-loader, ...): beside this one
 * when installed, or where the build tree puts it. */
int hb_path_program(const char *name, char *buf, size_t len);

/* BUILD/rel when this program runs from a meson build tree (one folder below
 * build.ninja); -ENOENT when installed or when rel is not there. */
int hb_path_build_tree(const char *rel, char *buf, size_t len);

#endif
