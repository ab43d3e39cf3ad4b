// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "history.h"

#include "json_read.h"
#include "object.h"
#include "schema.h"
#include "sysinfo.h"

#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

struct candidate {
	char date[32];
	struct hb_csv_table summary;
};

/* This run's side of the match: what meta.json records for it. */
struct key {
	struct utsname u;
	char cpu[256];
	char cmdline[4096]; /* boot options (mitigations) change what a syscall costs */
	long nproc;
	const struct run_opts *o;
};

/* The same object file, built the same, with the same settings; or neither run has one. */
static bool same_object(struct json_object *meta, const struct run_opts *o)
{
	struct json_object *set = hb_jget(meta, "object.set");
	const struct hb_object_opts *oo;
	char crc[16];

	if (!o->nobjects)
		return !json_object_is_type(hb_jget(meta, "object"), json_type_object);
	oo = o->objects[0].object->opts;
	snprintf(crc, sizeof(crc), "%08x", (unsigned)o->objects[0].object->crc32);
	if (strcmp(hb_jstr(meta, "object.crc32", ""), crc) ||
	    strcmp(hb_jstr(meta, "object.set_pid", ""), oo->set_pid ? oo->set_pid : "") ||
	    strcmp(hb_jstr(meta, "object.attach_symbol", ""), oo->attach_symbol ? oo->attach_symbol : "") ||
	    !json_object_is_type(set, json_type_object) || (size_t)json_object_object_length(set) != oo->nsets)
		return false;
	for (size_t i = 0; i < oo->nsets; i++)
		if (strcmp(hb_jstr(set, oo->sets[i].name, "\x01"), oo->sets[i].value))
			return false;
	return true;
}

static bool same_run_kind(struct json_object *meta, const struct key *k)
{
	const struct run_opts *o = k->o;

	return hb_jnum(meta, "schema_version", -1) == HB_SCHEMA_VERSION &&
	       !json_object_get_boolean(hb_jget(meta, "interrupted")) &&
	       !json_object_get_boolean(hb_jget(meta, "icount")) &&
	       !strcmp(hb_jstr(meta, "settings.kprobe_optimization", ""),
		       o->kprobe_optimization ? o->kprobe_optimization : "") &&
	       !strcmp(hb_jstr(meta, "kernel.cmdline", ""), k->cmdline) &&
	       !strcmp(hb_jstr(meta, "kernel.release", ""), k->u.release) &&
	       !strcmp(hb_jstr(meta, "kernel.version", ""), k->u.version) &&
	       !strcmp(hb_jstr(meta, "cpu.model", ""), k->cpu) &&
	       hb_jnum(meta, "cpu.nproc", -1) == (double)k->nproc &&
	       hb_jnum(meta, "settings.blocks", -1) == (double)o->blocks &&
	       !strcmp(hb_jstr(meta, "settings.clock", ""), hb_clock_names[o->clock]) &&
	       same_object(meta, o);
}

/*
 * One directory entry: 1 when it is a finished run like this one (read into
 * c), 0 when another kind of run, -1 when no run at all (no readable meta.json).
 */
static int read_candidate(const char *dir, const char *name, const struct key *k,
			  struct candidate *c)
{
	char path[PATH_MAX + 300], why[256];
	struct json_object *meta = NULL;
	int found = 0;

	snprintf(path, sizeof(path), "%s/%s/meta.json", dir, name);
	if (hb_jload(path, &meta, why, sizeof(why)))
		return -1;
	if (same_run_kind(meta, k)) {
		snprintf(c->date, sizeof(c->date), "%s", hb_jstr(meta, "date", ""));
		snprintf(path, sizeof(path), "%s/%s/summary.csv", dir, name);
		found = hb_csv_load(path, &c->summary, why, sizeof(why)) == 0;
	}
	json_object_put(meta);
	return found;
}

static int newest_first(const void *a, const void *b)
{
	return strcmp(((const struct candidate *)b)->date, ((const struct candidate *)a)->date);
}

/* Whether entry name of dir is the run's own output directory (or its .partial). */
static bool is_own(const char *dir, const char *name, const struct stat *own)
{
	char path[PATH_MAX + 300];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return own && !stat(path, &st) && st.st_dev == own->st_dev && st.st_ino == own->st_ino;
}

static void parent_of(const char *path, char *out, size_t len)
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(out, len, "%s", dirname(copy));
}

int hb_history_load(struct hb_history *h, const char *dir, const struct run_opts *o)
{
	struct candidate *found = NULL, *grown;
	struct stat own_st, *own = NULL;
	size_t n = 0;
	struct key k = { .o = o };
	struct dirent *e;
	DIR *d;
	int err = 0;

	memset(h, 0, sizeof(*h));
	if (dir)
		snprintf(h->dir, sizeof(h->dir), "%s", dir);
	else if (o->out)
		parent_of(o->out, h->dir, sizeof(h->dir));
	else
		return 0;
	if (o->out && !stat(o->out, &own_st))
		own = &own_st;
	uname(&k.u);
	hb_cpu_model(k.cpu, sizeof(k.cpu));
	if (hb_read_line("/proc/cmdline", k.cmdline, sizeof(k.cmdline)))
		k.cmdline[0] = '\0';
	k.nproc = sysconf(_SC_NPROCESSORS_ONLN);
	d = opendir(h->dir);
	if (!d)
		return 0;
	while (!err && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		int kind;

		/* A run still being written (this one, or another interrupted) is no history. */
		if (e->d_name[0] == '.' || is_own(h->dir, e->d_name, own) ||
		    (len > 8 && !strcmp(e->d_name + len - 8, ".partial")))
			continue;
		grown = realloc(found, (n + 1) * sizeof(*found));
		if (!grown) {
			err = -ENOMEM;
			break;
		}
		found = grown;
		memset(&found[n], 0, sizeof(found[n]));
		kind = read_candidate(h->dir, e->d_name, &k, &found[n]);
		h->looked += kind >= 0;
		n += kind == 1;
	}
	closedir(d);
	if (!err) {
		qsort(found, n, sizeof(*found), newest_first);
		for (size_t i = 0; i < n; i++) {
			if (h->nruns < HB_MAX_EARLIER_RUNS)
				h->summary[h->nruns++] = found[i].summary;
			else
				hb_csv_free(&found[i].summary);
		}
	} else {
		for (size_t i = 0; i < n; i++)
			hb_csv_free(&found[i].summary);
	}
	free(found);
	return err;
}

size_t hb_history_estimates(const struct hb_history *h, const char *column, const char *reference,
			    const char *hook, const char *payload, const char *mode, unsigned threads,
			    uint64_t ops_per_block, double *out)
{
	size_t n = 0;

	for (size_t r = 0; r < h->nruns; r++) {
		const struct hb_csv_table *t = &h->summary[r];
		int ch = hb_csv_col(t, "hook"), cp = hb_csv_col(t, "payload"),
		    cm = hb_csv_col(t, "mode"), ct = hb_csv_col(t, "threads"),
		    cs = hb_csv_col(t, "status"), co = hb_csv_col(t, column),
		    cr = hb_csv_col(t, "reference_hook"), cn = hb_csv_col(t, "ops_per_block");
		char *end;

		if (ch < 0 || cp < 0 || cm < 0 || ct < 0 || cs < 0 || co < 0 || cr < 0 || cn < 0 ||
		    (reference && (!t->nrows || strcmp(hb_csv_get(t, 0, cr), reference))))
			continue;
		for (size_t i = 0; i < t->nrows; i++) {
			const char *v = hb_csv_get(t, i, co);
			double x;

			if (strcmp(hb_csv_get(t, i, ch), hook) || strcmp(hb_csv_get(t, i, cp), payload) ||
			    strcmp(hb_csv_get(t, i, cm), mode) ||
			    strtoul(hb_csv_get(t, i, ct), NULL, 10) != threads ||
			    strtoull(hb_csv_get(t, i, cn), NULL, 10) != ops_per_block ||
			    strcmp(hb_csv_get(t, i, cs), "ok"))
				continue;
			x = strtod(v, &end);
			if (end != v && *end == '\0')
				out[n++] = x;
			break;
		}
	}
	return n;
}

void hb_history_free(struct hb_history *h)
{
	for (size_t i = 0; i < h->nruns; i++)
		hb_csv_free(&h->summary[i]);
	h->nruns = 0;
}
