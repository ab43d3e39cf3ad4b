// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "fleet_sources.h"

#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json_read.h"
#include "readfile.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dir/name into buf; false when it does not fit. */
static bool join(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return n >= 0 && (size_t)n < len;
}

static bool has_file(const char *dir, const char *name)
{
	char path[PATH_MAX];

	return join(path, sizeof(path), dir, name) && access(path, F_OK) == 0;
}

static int grow(void **items, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap * 2 : 8;
	void *p;

	if (n < *cap)
		return 0;
	p = realloc(*items, want * size);
	if (!p)
		return -ENOMEM;
	*items = p;
	*cap = want;
	return 0;
}

/* Where the rows ran: the machine's name, or the emulated machine of a guest. */
static void host_label(struct hb_fleet_source *s)
{
	const char *hostname = hb_jstr(s->r.meta, "hostname", NULL);
	const char *base = strrchr(s->real, '/');

	if (s->vm) {
		bool icount = !strcmp(hb_jstr(s->r.meta, "vm.timing_mode", ""), "icount");

		snprintf(s->host, sizeof(s->host), "qemu-%s%s", hb_jstr(s->r.meta, "vm.accelerator", "?"),
			 icount ? "-icount" : "");
	} else if (hostname && *hostname) {
		snprintf(s->host, sizeof(s->host), "%s", hostname);
	} else {
		snprintf(s->host, sizeof(s->host), "%.255s", base && base[1] ? base + 1 : s->real);
	}
}

/* One run directory, with meta.json: one source. */
static int add_run(struct hb_fleet_input *in, const char *path, char *why, size_t len)
{
	struct hb_fleet_source *s;
	int err = grow((void **)&in->src, &in->cap, in->n, sizeof(*in->src));

	if (err)
		return err;
	s = &in->src[in->n];
	memset(s, 0, sizeof(*s));
	if (strlen(path) >= sizeof(s->path)) {
		snprintf(why, len, "%.300s...: path too long", path);
		return -ENAMETOOLONG;
	}
	strcpy(s->path, path);
	if (!realpath(path, s->real)) {
		err = -errno;
		snprintf(why, len, "%.300s: %s", path, strerror(errno));
		return err;
	}
	err = hb_results_load(&s->r, path, why, len);
	if (err)
		return err;
	if (hb_jget(s->r.meta, "fleet")) {
		snprintf(why, len, "%.300s is a merged fleet: merge the directories it was made from "
			 "(its meta.json's fleet.sources) instead", path);
		err = -EINVAL;
		goto fail;
	}
	s->vm = hb_jget(s->r.meta, "vm") != NULL;
	host_label(s);
	snprintf(s->arch, sizeof(s->arch), "%s", hb_jstr(s->r.meta, "kernel.machine", "unknown"));
	snprintf(s->kernel, sizeof(s->kernel), "%s", hb_jstr(s->r.meta, "kernel.release", "unknown"));
	in->n++;
	return 0;
fail:
	hb_results_free(&s->r);
	return err;
}

/* A run directory and the guest half beside it (DIR/vm). */
static int add_run_and_guest(struct hb_fleet_input *in, const char *dir, char *why, size_t len)
{
	char vm[PATH_MAX];
	int err = add_run(in, dir, why, len);

	if (!err && join(vm, sizeof(vm), dir, "vm") && is_dir(vm) && has_file(vm, "meta.json"))
		err = add_run(in, vm, why, len);
	return err;
}

static int add_failed(struct hb_fleet_input *in, const char *path, char *why, size_t len)
{
	struct hb_fleet_failed *f;
	char *text = NULL, *nl;
	size_t n;
	int err = grow((void **)&in->failed, &in->capfailed, in->nfailed, sizeof(*in->failed));

	if (err)
		return err;
	f = &in->failed[in->nfailed];
	if (strlen(path) >= sizeof(f->path)) {
		snprintf(why, len, "%.300s...: path too long", path);
		return -ENAMETOOLONG;
	}
	strcpy(f->path, path);
	err = hb_read_file(path, 1 << 20, &text, &n, why, len);
	if (err)
		return err;
	nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	snprintf(f->why, sizeof(f->why), "%s", text);
	free(text);
	in->nfailed++;
	return 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && !strcmp(s + n - t, tail);
}

/* A directory without meta.json: its run subdirectories, by name. */
static int add_subdirs(struct hb_fleet_input *in, const char *dir, char *why, size_t len)
{
	struct dirent **names = NULL;
	size_t before = in->n, failed_before = in->nfailed;
	char path[PATH_MAX];
	int count = scandir(dir, &names, NULL, alphasort), err = 0;

	if (count < 0) {
		err = -errno;
		snprintf(why, len, "%.300s: %s", dir, strerror(errno));
		return err;
	}
	for (int i = 0; i < count && !err; i++) {
		const char *name = names[i]->d_name;

		/* A run still being written, or one interrupted, is not a result. */
		if (name[0] == '.' || ends_with(name, ".partial"))
			continue;
		if (!join(path, sizeof(path), dir, name))
			continue;
		if (is_dir(path) && has_file(path, "meta.json"))
			err = add_run_and_guest(in, path, why, len);
		else if (ends_with(name, ".error") && !is_dir(path))
			err = add_failed(in, path, why, len);
	}
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
	if (!err && in->n == before && in->nfailed == failed_before) {
		snprintf(why, len, "%.300s: not a results directory (%s)", dir,
			 has_file(dir, "summary.csv")
				 ? "summary.csv without meta.json: host, arch and kernel come from meta.json"
				 : "no summary.csv with meta.json, and no subdirectory with them");
		err = -EINVAL;
	}
	return err;
}

int hb_fleet_add_dir(struct hb_fleet_input *in, const char *dir, char *why, size_t len)
{
	if (!is_dir(dir)) {
		snprintf(why, len, "%.300s: no such results directory", dir);
		return -ENOENT;
	}
	if (has_file(dir, "meta.json"))
		return add_run_and_guest(in, dir, why, len);
	return add_subdirs(in, dir, why, len);
}

void hb_fleet_input_free(struct hb_fleet_input *in)
{
	for (size_t i = 0; i < in->n; i++)
		hb_results_free(&in->src[i].r);
	free(in->src);
	free(in->failed);
	memset(in, 0, sizeof(*in));
}
