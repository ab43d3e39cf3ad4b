// SPDX-License-Identifier: GPL-2.0-only
#include "hyperfine.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu.h"
#include "hooks.h"
#include "hyperfine_parts.h"
#include "paths.h"
#include "subprocess.h"

/* The loader twins (loaders/meson.build), each built for one row of the hook table. */
static const struct { const char *loader; const struct hb_hook *hook; } loaders[HF_NLOADERS] = {
	{ "tp-loader", &hb_hooks[HB_HOOK_TRACEPOINT] },
	{ "kprobe-loader", &hb_hooks[HB_HOOK_KPROBE] },
};

/* Does this loader run here? `loader -- true` exits 77 when the kernel lacks its hook. */
static bool loader_runs(const char *loader)
{
	const struct hb_spawn_io quiet = { .out = HB_SPAWN_NULL, .err = HB_SPAWN_NULL };
	int status;

	return hb_spawn_wait((char *[]){ (char *)loader, "--", "true", NULL }, &quiet, &status) == 0 &&
	       hb_exited_ok(status);
}

static int set_commands(struct hf_data *d, const struct hb_hyperfine_opts *o, char *why,
			size_t whylen)
{
	char storm[PATH_MAX];
	int err = hb_path_program("unlink-storm", storm, sizeof(storm));

	if (err) {
		snprintf(why, whylen, "hyperfine: cannot find unlink-storm beside hookbench: %s",
			 strerror(-err));
		return err;
	}
	snprintf(d->cmds[HF_BARE_STORM], HF_CMD_MAX, "%.3000s --mode enoent --iterations %llu --cpu %u",
		 storm, (unsigned long long)o->iterations, hb_default_cpu());
	snprintf(d->cmds[HF_BARE_TRUE], HF_CMD_MAX, "true");
	d->active[HF_BARE_STORM] = d->active[HF_BARE_TRUE] = true;
	for (size_t l = 0; l < HF_NLOADERS; l++) {
		char path[PATH_MAX];

		d->loader[l] = loaders[l].loader;
		d->hook[l] = loaders[l].hook->name;
		if (hb_path_program(loaders[l].loader, path, sizeof(path)))
			continue;
		snprintf(d->cmds[HF_LOADER_STORM(l)], HF_CMD_MAX, "%.3000s --no-stats -- %.4200s", path,
			 d->cmds[HF_BARE_STORM]);
		snprintf(d->cmds[HF_LOADER_TRUE(l)], HF_CMD_MAX, "%.3000s --no-stats -- true", path);
		d->active[HF_LOADER_STORM(l)] = d->active[HF_LOADER_TRUE(l)] = loader_runs(path);
	}
	return 0;
}

/* A directory to write into, without the files of an earlier run. */
static int check_dir(const char *dir, const char *json_path, const char *csv_path, char *why,
		     size_t whylen)
{
	struct stat st;

	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "hyperfine: %s: no such directory", dir);
		return -ENOTDIR;
	}
	if (!access(json_path, F_OK) || !access(csv_path, F_OK)) {
		snprintf(why, whylen, "hyperfine: refusing to overwrite %s/hyperfine.{json,csv}", dir);
		return -EEXIST;
	}
	return 0;
}

static int time_and_write(const struct hb_hyperfine_opts *o, struct hf_data *d,
			  const char *json_path, const char *csv_path, char *why, size_t whylen)
{
	int err, ncmds = 0;

	for (size_t c = 0; c < HF_NCMDS; c++) {
		d->mean[c] = calloc(o->rounds, sizeof(double));
		if (!d->mean[c]) {
			snprintf(why, whylen, "hyperfine: out of memory");
			return -ENOMEM;
		}
	}
	err = set_commands(d, o, why, whylen);
	if (err)
		return err;
	for (size_t c = 0; c < HF_NCMDS; c++)
		ncmds += d->active[c];
	fprintf(o->progress, "hookbench: hyperfine: %d commands, %llu rounds of %llu runs each\n",
		ncmds, (unsigned long long)o->rounds, (unsigned long long)o->runs);
	err = hf_measure(o, d, json_path, why, whylen);
	if (err)
		return err;
	err = hf_write_csv(o, d, csv_path);
	if (err) {
		snprintf(why, whylen, "hyperfine: cannot write %s: %s", csv_path, strerror(-err));
		unlink(json_path);
	}
	return err;
}

int hb_hyperfine(const struct hb_hyperfine_opts *o, char *csv_path, size_t pathlen, char *why,
		 size_t whylen)
{
	char json_path[PATH_MAX + 32];
	struct hf_data d = { .rounds = 0 };
	int err;

	snprintf(json_path, sizeof(json_path), "%s/hyperfine.json", o->dir);
	snprintf(csv_path, pathlen, "%s/hyperfine.csv", o->dir);
	err = check_dir(o->dir, json_path, csv_path, why, whylen);
	if (!err)
		err = time_and_write(o, &d, json_path, csv_path, why, whylen);
	for (size_t c = 0; c < HF_NCMDS; c++)
		free(d.mean[c]);
	return err;
}
