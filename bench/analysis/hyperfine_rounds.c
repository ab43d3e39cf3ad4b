// SPDX-License-Identifier: GPL-2.0-only
/* Running hyperfine round after round, and collecting each round's means. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hyperfine_export.h"
#include "hyperfine_parts.h"
#include "json_read.h"
#include "readfile.h"
#include "subprocess.h"

double hf_round_estimate(const struct hf_data *d, size_t l, size_t r, uint64_t iterations)
{
	double lc = d->mean[HF_LOADER_STORM(l)][r] - d->outside[HF_LOADER_STORM(l)][r];
	double lt = d->mean[HF_LOADER_TRUE(l)][r] - d->outside[HF_LOADER_TRUE(l)][r];
	double bc = d->mean[HF_BARE_STORM][r], bt = d->mean[HF_BARE_TRUE][r];

	return ((lc - lt) - (bc - bt)) / (double)iterations * 1e9;
}

double hf_round_bare(const struct hf_data *d, size_t r, uint64_t iterations)
{
	return (d->mean[HF_BARE_STORM][r] - d->mean[HF_BARE_TRUE][r]) / (double)iterations * 1e9;
}

int hf_read_outside(const char *path, uint64_t runs, bool cpu, double *mean, char *why,
		    size_t whylen)
{
	double *outside = calloc(runs, sizeof(double)), setup, attached, teardown, self, sum = 0;
	FILE *f = fopen(path, "re");
	uint64_t n = 0;
	int err = 0;

	if (!outside || !f) {
		err = outside ? -errno : -ENOMEM;
		snprintf(why, whylen, "cannot read the loader's timing %s: %s", path, strerror(-err));
		goto out;
	}
	while (fscanf(f, "%lf %lf %lf %lf", &setup, &attached, &teardown, &self) == 4)
		outside[n++ % runs] = cpu ? self : setup + teardown;
	if (n < runs || !feof(f)) {
		snprintf(why, whylen, "%s: %llu timing lines for %llu runs", path, (unsigned long long)n,
			 (unsigned long long)runs);
		err = -EINVAL;
		goto out;
	}
	for (uint64_t k = 0; k < runs; k++)
		sum += outside[k];
	*mean = sum / (double)runs;
out:
	if (f)
		fclose(f);
	free(outside);
	return err;
}

/* Round r's loader timings, and whether its bare command ran in the paired state. */
static int take_timings(const struct hb_hyperfine_opts *o, struct hf_data *d, size_t r, char *why,
			size_t whylen)
{
	double bare = hf_round_bare(d, r, o->iterations);
	int err = 0;

	for (size_t c = 0; c < HF_NCMDS && !err; c++)
		if (d->active[c] && d->timing[c][0])
			err = hf_read_outside(d->timing[c], o->runs, d->cpu, &d->outside[c][r], why,
					      whylen);
	d->kept[r] = hb_state_kept(&d->levels, bare);
	d->nkept += d->kept[r];
	return err;
}

/* Take round r's means from the export in text. */
static int take_means(struct hf_data *d, size_t r, const char *text, size_t len, char *why,
		      size_t whylen)
{
	const char *cmds[HF_NCMDS];
	double means[HF_NCMDS];
	struct json_object *doc;
	int err = hb_jparse(text, len, &doc, why, whylen);

	if (err)
		return err;
	for (size_t c = 0; c < HF_NCMDS; c++)
		cmds[c] = d->cmds[c];
	if (d->cpu)
		hb_hyperfine_cpu(doc, cmds, HF_NCMDS, means);
	else
		hb_hyperfine_means(doc, cmds, HF_NCMDS, means);
	for (size_t c = 0; c < HF_NCMDS; c++) {
		d->mean[c][r] = d->active[c] ? means[c] : NAN;
		if (d->active[c] && isnan(means[c])) {
			snprintf(why, whylen, "no mean %s time for '%s'", d->cpu ? "CPU" : "wall",
				 d->cmds[c]);
			err = -EINVAL;
		}
	}
	json_object_put(doc);
	return err;
}

/* Read one round's export into d (round r) and append its text to combined. */
static int read_round(struct hf_data *d, size_t r, const char *path, FILE *combined, char *why,
		      size_t whylen)
{
	char *text = NULL;
	size_t len;
	int err;

	err = hb_read_file(path, 64 << 20, &text, &len, why, whylen);
	if (err)
		return err;
	err = take_means(d, r, text, len, why, whylen);
	if (err == -EINVAL)
		hb_prefix_path(path, why, whylen);
	if (!err && (fprintf(combined, "%s\n", r ? "," : "") < 0 || fwrite(text, 1, len, combined) != len)) {
		snprintf(why, whylen, "cannot write the combined export: %s", strerror(errno));
		err = -EIO;
	}
	free(text);
	return err;
}

/*
 * Run hyperfine once: the active commands in order (or reversed), exporting
 * to json. Its warnings go to logfd, shown only when it fails.
 */
static int run_round(const struct hb_hyperfine_opts *o, const struct hf_data *d, size_t r,
		     const char *json, int logfd)
{
	const struct hb_spawn_io io = { .out = HB_SPAWN_NULL, .err = logfd, .stop = o->stop };
	char runs[24], warm[24], *argv[8 + 2 + HF_NCMDS + 1];
	int n = 0, status, err;

	snprintf(runs, sizeof(runs), "%llu", (unsigned long long)o->runs);
	snprintf(warm, sizeof(warm), "%llu", (unsigned long long)(r ? 0 : o->warmup));
	argv[n++] = "hyperfine";
	argv[n++] = "--shell=none";
	argv[n++] = "--style=none";
	argv[n++] = "--runs";
	argv[n++] = runs;
	argv[n++] = "--warmup";
	argv[n++] = warm;
	argv[n++] = "--export-json";
	argv[n++] = (char *)json;
	for (size_t k = 0; k < HF_NCMDS; k++) {
		size_t c = r % 2 ? HF_NCMDS - 1 - k : k;

		if (d->active[c])
			argv[n++] = (char *)d->cmds[c];
	}
	argv[n] = NULL;
	if (ftruncate(logfd, 0) || lseek(logfd, 0, SEEK_SET))
		return -errno;
	for (size_t c = 0; c < HF_NCMDS; c++)
		if (d->timing[c][0] && unlink(d->timing[c]) && errno != ENOENT)
			return -errno;
	err = hb_spawn_wait(argv, &io, &status);
	if (!err && !hb_exited_ok(status))
		err = -ECHILD;
	return err;
}

/* The end of what hyperfine wrote to logfd. */
static void show_log(FILE *out, int logfd)
{
	char buf[2048];
	off_t end = lseek(logfd, 0, SEEK_END);
	ssize_t n;

	if (end < 0)
		return;
	n = pread(logfd, buf, sizeof(buf) - 1, end > (off_t)sizeof(buf) - 1 ? end - (off_t)sizeof(buf) + 1 : 0);
	if (n > 0) {
		buf[n] = 0;
		fputs(buf, out);
	}
}

/* Print round r's estimate for each loader that ran, and the bare command's speed. */
static void show_round(const struct hb_hyperfine_opts *o, const struct hf_data *d, size_t r)
{
	fprintf(o->progress, "hookbench: hyperfine: round %zu (%zu of %llu kept): bare %.0f ns/op%s",
		r + 1, d->nkept, (unsigned long long)o->rounds, hf_round_bare(d, r, o->iterations),
		d->kept[r] ? "" : ", not the paired state: left out");
	for (size_t l = 0; l < HF_NLOADERS; l++)
		if (d->active[HF_LOADER_STORM(l)])
			fprintf(o->progress, "; %s %.1f ns/op", d->loader[l],
				hf_round_estimate(d, l, r, o->iterations));
	fputc('\n', o->progress);
}

/* Round r, then its means read back; why says what went wrong. */
static int one_round(const struct hb_hyperfine_opts *o, struct hf_data *d, size_t r,
		     const char *scratch, int logfd, FILE *combined, char *why, size_t whylen)
{
	char detail[PATH_MAX + 128];
	int err = o->stop && atomic_load(o->stop) ? -EINTR : run_round(o, d, r, scratch, logfd);

	if (err == -ENOENT) {
		snprintf(why, whylen, "hyperfine is not installed (apt-get install hyperfine)");
	} else if (err == -EINTR) {
		snprintf(why, whylen, "hyperfine: interrupted in round %zu; nothing written", r + 1);
	} else if (err) {
		show_log(o->progress, logfd);
		snprintf(why, whylen, "hyperfine failed in round %zu", r + 1);
	} else if ((err = read_round(d, r, scratch, combined, detail, sizeof(detail))) ||
		   (err = take_timings(o, d, r, detail, sizeof(detail)))) {
		snprintf(why, whylen, "hyperfine: %s", detail);
	} else {
		d->rounds = r + 1;
		show_round(o, d, r);
	}
	return err;
}

/*
 * After the rounds: per loader command ("tp-loader storm", "tp-loader true"),
 * its time outside the attached window in each round; and the rounds kept.
 */
static void write_tail(const struct hf_data *d, FILE *combined)
{
	bool first = true;

	fputs("],\n\"loader_outside_s\": {", combined);
	for (size_t c = 2; c < HF_NCMDS; c++) {
		if (!d->active[c])
			continue;
		fprintf(combined, "%s\n  \"%s %s\": [", first ? "" : ",", d->loader[(c - 2) / 2],
			c == HF_LOADER_STORM((c - 2) / 2) ? "storm" : "true");
		for (size_t r = 0; r < d->rounds; r++)
			fprintf(combined, "%s%.9f", r ? ", " : "", d->outside[c][r]);
		fputc(']', combined);
		first = false;
	}
	fputs("},\n\"kept\": [", combined);
	for (size_t r = 0; r < d->rounds; r++)
		fprintf(combined, "%s%s", r ? ", " : "", d->kept[r] ? "true" : "false");
	fputs("]}\n", combined);
}

int hf_measure(const struct hb_hyperfine_opts *o, struct hf_data *d, const char *json_path,
	       char *why, size_t whylen)
{
	char scratch[PATH_MAX + 64], log[PATH_MAX + 64];
	FILE *combined = fopen(json_path, "wxe");
	int fd = -1, logfd = -1, err = 0;

	if (!combined) {
		err = -errno;
		snprintf(why, whylen, "hyperfine: cannot create %s: %s", json_path, strerror(-err));
		return err;
	}
	snprintf(scratch, sizeof(scratch), "%s/.hyperfine-round.XXXXXX", o->dir);
	snprintf(log, sizeof(log), "%s/.hyperfine-log.XXXXXX", o->dir);
	fd = mkostemp(scratch, O_CLOEXEC);
	if (fd >= 0)
		logfd = mkostemp(log, O_CLOEXEC);
	if (fd < 0 || logfd < 0) {
		err = -errno;
		snprintf(why, whylen, "hyperfine: cannot create a scratch file in %s: %s", o->dir,
			 strerror(-err));
		goto out;
	}
	fprintf(combined, "{\"iterations\": %llu, \"rounds\": [\n", (unsigned long long)o->iterations);
	for (size_t r = 0; r < d->max_rounds && d->nkept < o->rounds && !err; r++)
		err = one_round(o, d, r, scratch, logfd, combined, why, whylen);
	if (!err)
		write_tail(d, combined);
out:
	if (fd >= 0) {
		close(fd);
		unlink(scratch);
	}
	if (logfd >= 0) {
		close(logfd);
		unlink(log);
	}
	if (fclose(combined) && !err)
		err = -errno;
	if (err)
		unlink(json_path);
	return err;
}
