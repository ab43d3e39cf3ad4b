// SPDX-License-Identifier: GPL-2.0-only
/* Running hyperfine round after round, and collecting each round's means. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
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
	double lc = d->mean[HF_LOADER_STORM(l)][r], lt = d->mean[HF_LOADER_TRUE(l)][r];
	double bc = d->mean[HF_BARE_STORM][r], bt = d->mean[HF_BARE_TRUE][r];

	return ((lc - lt) - (bc - bt)) / (double)iterations * 1e9;
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
	hb_hyperfine_means(doc, cmds, HF_NCMDS, means);
	for (size_t c = 0; c < HF_NCMDS; c++) {
		d->mean[c][r] = d->active[c] ? means[c] : NAN;
		if (d->active[c] && isnan(means[c])) {
			snprintf(why, whylen, "no mean time for '%s'", d->cmds[c]);
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

/* Print round r's estimate for each loader that ran. */
static void show_round(const struct hb_hyperfine_opts *o, const struct hf_data *d, size_t r)
{
	fprintf(o->progress, "hookbench: hyperfine: round %zu of %llu:", r + 1,
		(unsigned long long)o->rounds);
	for (size_t l = 0; l < HF_NLOADERS; l++)
		if (d->active[HF_LOADER_STORM(l)])
			fprintf(o->progress, " %s %.1f ns/op", d->loader[l],
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
	} else if ((err = read_round(d, r, scratch, combined, detail, sizeof(detail)))) {
		snprintf(why, whylen, "hyperfine: %s", detail);
	} else {
		d->rounds = r + 1;
		show_round(o, d, r);
	}
	return err;
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
	for (size_t r = 0; r < o->rounds && !err; r++)
		err = one_round(o, d, r, scratch, logfd, combined, why, whylen);
	if (!err)
		fputs("]}\n", combined);
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
