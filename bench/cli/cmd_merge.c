// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench merge DIR... --out DIR: the results of many machines and
 * kernels in one directory (bench/fleet/), for `hookbench report`.
 */
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fleet_check.h"
#include "fleet_merge.h"
#include "fleet_sources.h"
#include "outdir.h"

static const char help[] =
	"Usage: hookbench merge DIR... --out DIR\n\n"
	"Merge result directories of any machines and kernels into one summary.csv (plus\n"
	"host, arch and source columns), summary.json (its rows, typed) and meta.json\n"
	"(fleet.sources); then 'hookbench report DIR' writes the fleet page. A DIR is a\n"
	"run directory (its vm/ comes along), a hookbench vm matrix, or a directory of\n"
	"run directories.\n"
	"A source of another schema version, a missing column or a value no run can\n"
	"produce, one run given twice, or an existing --out is refused (exit 1).\n\n"
	"Options:\n"
	"  --out DIR   the merged directory (must not exist)\n\n"
	"Examples:\n"
	"  hookbench merge results/reference/fleet/host results/vm-matrix --out results/fleet\n"
	"  hookbench merge collected/ --out results/fleet && hookbench report results/fleet";

static char *joined_command_line(int argc, char **argv)
{
	size_t len = strlen("hookbench") + 1;
	char *s;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	strcpy(s, "hookbench");
	for (int i = 0; i < argc; i++) {
		strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static int write_meta(const struct hb_outdir *o, const struct hb_fleet_input *in, int argc, char **argv)
{
	char *command_line = joined_command_line(argc, argv);
	struct json_object *meta = command_line ? hb_fleet_meta(in, command_line) : NULL;
	FILE *f = meta ? hb_outdir_fopen(o, "meta.json") : NULL;
	int err = 0;

	if (!f) {
		err = meta ? -errno : -ENOMEM;
		goto cleanup;
	}
	fputs(json_object_to_json_string_ext(meta, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
					     JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
	if (fclose(f))
		err = -errno;
cleanup:
	json_object_put(meta);
	free(command_line);
	return err;
}

static int write_summary(FILE *f, const void *in)
{
	return hb_fleet_write_summary(in, f);
}

static int write_summary_json(FILE *f, const void *in)
{
	return hb_fleet_write_summary_json(in, f);
}

static size_t total_rows(const struct hb_fleet_input *in)
{
	size_t rows = 0;

	for (size_t i = 0; i < in->n; i++)
		rows += in->src[i].r.summary.nrows;
	return rows;
}

/* After a failed write: nothing of the merge stays behind (a retry would meet OUT.partial). */
static void remove_partial(const struct hb_outdir *o)
{
	static const char *const files[] = { "summary.csv", "summary.json", "meta.json" };
	char path[PATH_MAX + 32];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", o->partial, files[i]);
		unlink(path);
	}
	rmdir(o->partial);
}

static int merge(const char *out, char **dirs, int ndirs, int argc, char **argv)
{
	struct hb_fleet_input in = { 0 };
	struct hb_outdir o;
	char why[4096];
	int err = 0;

	for (int i = 0; i < ndirs && !err; i++)
		err = hb_fleet_add_dir(&in, dirs[i], why, sizeof(why));
	if (!err)
		err = hb_fleet_check(&in, stderr, why, sizeof(why));
	if (!err)
		err = hb_outdir_create(&o, out, why, sizeof(why));
	if (err) {
		cli_error("merge: %s", why);
		goto cleanup;
	}
	err = hb_outdir_write(&o, "summary.csv", write_summary, &in);
	if (!err)
		err = hb_outdir_write(&o, "summary.json", write_summary_json, &in);
	if (!err)
		err = write_meta(&o, &in, argc, argv);
	if (err) {
		cli_error("merge: cannot write %s: %s", o.partial, strerror(-err));
		remove_partial(&o);
		goto cleanup;
	}
	err = hb_outdir_commit(&o, why, sizeof(why));
	if (err) {
		cli_error("merge: %s", why);
		goto cleanup;
	}
	for (size_t i = 0; i < in.nfailed; i++)
		fprintf(stderr, "hookbench: merge: note: %s: a kernel without results, recorded in "
			"meta.json's fleet.failed\n", in.failed[i].path);
	printf("merged: %zu rows of %zu sources into %s (next: hookbench report %s)\n", total_rows(&in),
	       in.n, out, out);
cleanup:
	hb_fleet_input_free(&in);
	return err;
}

static void usage(FILE *f)
{
	fprintf(f, "%s\n", help);
}

static int one_option(int c, const char *arg, void *ctx)
{
	const char **out = ctx;

	if (c == 'o' && *out) {
		cli_error("merge: --out given twice");
		return -EINVAL;
	}
	*out = arg;
	return 0;
}

int cmd_merge(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{}
	};
	const char *out = NULL;
	const struct cli_options co = {
		.opts = opts, .shorts = "o:", .one = one_option, .ctx = &out, .usage = usage,
		.operands = true,
	};

	if (cli_parse_options(argc, argv, &co))
		return HB_EXIT_USAGE;
	if (!out || optind >= argc) {
		cli_error("merge needs one or more results directories and --out DIR (see --help)");
		return HB_EXIT_USAGE;
	}
	return merge(out, argv + optind, argc - optind, argc, argv) ? 1 : 0;
}
