// SPDX-License-Identifier: GPL-2.0-only
#include "hyperfine.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu.h"
#include "hooks.h"
#include "hyperfine_parts.h"
#include "paths.h"
#include "runlock.h"
#include "subprocess.h"

/* The loader twins (loaders/meson.build), each built for one row of the hook table. */
static const struct { const char *loader; const struct hb_hook *hook; } loaders[HF_NLOADERS] = {
	{ "tp-loader", &hb_hooks[HB_HOOK_TRACEPOINT] },
	{ "kprobe-loader", &hb_hooks[HB_HOOK_KPROBE] },
};

/*
 * Does this loader run here? `loader -- true` exits 77 when the kernel lacks
 * its hook. The lock it would take is ours (take_lock()).
 */
static bool loader_runs(const char *loader)
{
	const struct hb_spawn_io quiet = { .out = HB_SPAWN_NULL, .err = HB_SPAWN_NULL };
	int status;

	char *argv[] = { (char *)loader, "--allow-concurrent", "--", "true", NULL };

	return hb_spawn_wait(argv, &quiet, &status) == 0 && hb_exited_ok(status);
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
		for (size_t c = HF_LOADER_STORM(l); c <= HF_LOADER_TRUE(l); c++)
			snprintf(d->timing[c], sizeof(d->timing[c]), "%.4000s/.hyperfine-timing-%zu", o->dir, c);
		snprintf(d->cmds[HF_LOADER_STORM(l)], HF_CMD_MAX,
			 "%.3000s --no-stats --allow-concurrent --timing %s -- %.4200s", path,
			 d->timing[HF_LOADER_STORM(l)], d->cmds[HF_BARE_STORM]);
		snprintf(d->cmds[HF_LOADER_TRUE(l)], HF_CMD_MAX,
			 "%.3000s --no-stats --allow-concurrent --timing %s -- true", path,
			 d->timing[HF_LOADER_TRUE(l)]);
		d->active[HF_LOADER_STORM(l)] = d->active[HF_LOADER_TRUE(l)] = loader_runs(path);
	}
	return 0;
}

/*
 * Each loader's paired row in run (count payload, enoent, 1 thread), and the
 * speed states and clock of the first found: the group of enoent, 1 thread
 * shares them. Without a paired run, CPU time, hookbench run's default.
 */
static void find_paired(struct hf_data *d, const struct hb_results *run)
{
	d->run = run;
	d->levels = (struct hb_state_levels){ .baseline = NAN };
	d->cpu = true;
	for (size_t l = 0; l < HF_NLOADERS; l++) {
		const struct hb_match m[] = { { "hook", loaders[l].hook->name }, { "payload", "count" },
					      { "mode", "enoent" }, { "threads", "1" },
					      { "status", "ok" }, { NULL, NULL } };

		d->paired_row[l] = run ? hb_results_find(run, m) : -1;
		if (d->paired_row[l] < 0 || !isnan(d->levels.baseline))
			continue;
		hb_state_levels_of(run, d->paired_row[l], &d->levels);
		d->cpu = strcmp(hb_results_str(run, (size_t)d->paired_row[l], "clock"), "wall") != 0;
	}
}

/*
 * The whole check is one measurement: it holds the measurement lock, so
 * no hookbench run starts between its rounds, and its loaders are told
 * the holder is their own caller (--allow-concurrent). Without the right
 * to take it (not root), the loaders will not load either: carry on.
 */
static int take_lock(const struct hb_hyperfine_opts *o, struct hb_runlock *l, char *why,
		     size_t whylen)
{
	char cmdline[PATH_MAX + 32];
	int err;

	snprintf(cmdline, sizeof(cmdline), "hookbench hyperfine %s", o->dir);
	err = hb_runlock_take(l, NULL, cmdline);
	if (err != -EBUSY)
		return 0;
	snprintf(why, whylen, "hyperfine: another measurement is running: PID %ld (%s) holds %s; wait "
		 "for it to end", l->holder_pid, l->holder_cmd, hb_runlock_path());
	return err;
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

	d->max_rounds = HF_MAX_ROUNDS(o->rounds);
	d->kept = calloc(d->max_rounds, sizeof(bool));
	for (size_t c = 0; c < HF_NCMDS && d->kept; c++) {
		d->mean[c] = calloc(d->max_rounds, sizeof(double));
		d->outside[c] = calloc(d->max_rounds, sizeof(double));
		if (!d->mean[c] || !d->outside[c])
			break;
	}
	if (!d->kept || !d->mean[HF_NCMDS - 1] || !d->outside[HF_NCMDS - 1]) {
		snprintf(why, whylen, "hyperfine: out of memory");
		return -ENOMEM;
	}
	err = set_commands(d, o, why, whylen);
	if (err)
		return err;
	for (size_t c = 0; c < HF_NCMDS; c++)
		ncmds += d->active[c];
	fprintf(o->progress, "hookbench: hyperfine: %d commands, %llu rounds of %llu runs each, by %s "
		"time", ncmds, (unsigned long long)o->rounds, (unsigned long long)o->runs,
		d->cpu ? "CPU" : "wall");
	if (!isnan(d->levels.baseline))
		fprintf(o->progress, "; a round counts when the bare command runs in the paired state "
			"(%.0f ns/op), others are replaced, up to %zu rounds", d->levels.baseline,
			d->max_rounds);
	fputc('\n', o->progress);
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
	char json_path[PATH_MAX + 32], rwhy[PATH_MAX + 256];
	struct hf_data d = { .rounds = 0 };
	struct hb_runlock lock = { .fd = -1 };
	struct hb_results run;
	bool have_run;
	int err;

	snprintf(json_path, sizeof(json_path), "%s/hyperfine.json", o->dir);
	snprintf(csv_path, pathlen, "%s/hyperfine.csv", o->dir);
	err = check_dir(o->dir, json_path, csv_path, why, whylen);
	if (err)
		return err;
	err = take_lock(o, &lock, why, whylen);
	if (err)
		return err;
	have_run = hb_results_load(&run, o->dir, rwhy, sizeof(rwhy)) == 0;
	find_paired(&d, have_run ? &run : NULL);
	err = time_and_write(o, &d, json_path, csv_path, why, whylen);
	for (size_t c = 0; c < HF_NCMDS; c++) {
		if (d.timing[c][0])
			unlink(d.timing[c]);
		free(d.mean[c]);
		free(d.outside[c]);
	}
	free(d.kept);
	if (have_run)
		hb_results_free(&run);
	hb_runlock_release(&lock);
	return err;
}
