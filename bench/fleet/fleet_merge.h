/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The merged directory's files. summary.csv: every source's rows, in
 * the order the sources were found, under the union of their columns (the
 * first source's order, then columns the others add; empty where a source
 * lacks one), with host, arch and source after them; the kernel column
 * holds each source's kernel.release (a guest's own kernel for VM rows).
 * summary.json: the same rows, typed (common/summary_json.h).
 * meta.json: the schema version (every source's: results.h reads no other), how the merge was made, and in
 * fleet.sources each source in order (its number is the rows' source
 * column) with its path, host, arch, kernel and its own meta.json.
 */
#ifndef HB_FLEET_MERGE_H
#define HB_FLEET_MERGE_H

#include <stdio.h>

#include "fleet_sources.h"

struct json_object;

/* The merged summary.csv into f. 0 or -errno. */
int hb_fleet_write_summary(const struct hb_fleet_input *in, FILE *f);

/* The merged summary.json into f. 0 or -errno. */
int hb_fleet_write_summary_json(const struct hb_fleet_input *in, FILE *f);

/* The merged meta.json as a json-c object (release with json_object_put), or NULL without memory. */
struct json_object *hb_fleet_meta(const struct hb_fleet_input *in, const char *command_line);

#endif
