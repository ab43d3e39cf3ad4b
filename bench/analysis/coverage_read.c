// SPDX-License-Identifier: GPL-2.0-only
#include "coverage_read.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "json_read.h"
#include "removal_paths.h"
#include "table.h"

/* The routes, in the order the page names them. */
enum route { ROUTE_UNLINK, ROUTE_UNLINKAT, ROUTE_RMDIR, ROUTE_IO_URING, ROUTE_COMPAT, NROUTES };
static const char *const routes[NROUTES] = { "unlink(2)", "unlinkat(2)", "rmdir(2)", "io_uring", "compat" };

static enum route route_of(enum hb_removal_path p)
{
	switch (p) {
	case HB_PATH_UNLINK:
		return ROUTE_UNLINK;
	case HB_PATH_UNLINKAT:
	case HB_PATH_UNLINKAT_DIR:
		return ROUTE_UNLINKAT;
	case HB_PATH_RMDIR:
		return ROUTE_RMDIR;
	case HB_PATH_IO_URING_UNLINKAT:
	case HB_PATH_IO_URING_UNLINKAT_DIR:
		return ROUTE_IO_URING;
	default:
		return ROUTE_COMPAT;
	}
}

/* The path named name, or HB_PATH_COUNT. */
static enum hb_removal_path path_named(const char *name)
{
	for (int k = 0; k < HB_PATH_COUNT; k++)
		if (!strcmp(hb_removal_path_names[k], name))
			return (enum hb_removal_path)k;
	return HB_PATH_COUNT;
}

enum hb_seen hb_coverage_seen(const struct hb_results *r, size_t i)
{
	double seen = hb_table_num(&r->coverage, i, "seen");
	double expected = hb_table_num(&r->coverage, i, "expected");

	if (*hb_table_str(&r->coverage, i, "reason") || isnan(seen) || isnan(expected))
		return HB_SEEN_NOT_RUN;
	if (seen == 0)
		return HB_SEEN_NONE;
	return seen == expected ? HB_SEEN_ALL : HB_SEEN_PART;
}

/* What one hook's rows show, by route, object (file, dir) and outcome (removed, enoent). */
struct tally {
	bool seen[NROUTES][2][2]; /* some path of the route, object, outcome: every call seen */
	bool ran[NROUTES][2][2];  /* ...ran */
	bool listed[NROUTES];     /* some path of the route has a row, run or not */
	bool part, any;
};

/* A path the run's architecture does not have (arm64: unlink(2), rmdir(2), compat) says nothing of a hook. */
static void tally(const struct hb_results *r, const char *hook, struct tally *t)
{
	const char *arch = hb_jstr(r->meta, "kernel.machine", hb_removal_arch);

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < r->coverage.nrows; i++) {
		enum hb_removal_path p = path_named(hb_table_str(&r->coverage, i, "path"));
		enum hb_seen s;
		enum route k;
		bool dir;
		int removed;

		if (strcmp(hb_table_str(&r->coverage, i, "hook"), hook))
			continue;
		t->any = true;
		if (p == HB_PATH_COUNT || hb_removal_path_absent(p, arch))
			continue;
		k = route_of(p);
		dir = hb_removal_path_is_dir(p);
		s = hb_coverage_seen(r, i);
		t->listed[k] = true;
		if (s == HB_SEEN_NOT_RUN)
			continue;
		removed = !strcmp(hb_table_str(&r->coverage, i, "outcome"), "removed");
		t->ran[k][dir][removed] = true;
		t->seen[k][dir][removed] |= s == HB_SEEN_ALL;
		t->part |= s == HB_SEEN_PART;
	}
}

/* Append ", "-separated (or " and " before the last) names of routes where want[k]. */
static void list_routes(char *buf, size_t len, const bool *want)
{
	size_t n = 0, total = 0;

	for (size_t k = 0; k < NROUTES; k++)
		total += want[k];
	for (size_t k = 0; k < NROUTES; k++) {
		size_t used = strlen(buf);

		if (!want[k])
			continue;
		snprintf(buf + used, len - used, "%s%s", n == 0 ? "" : n + 1 == total ? " and " : ", ", routes[k]);
		n++;
	}
}

static void append(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf);

	snprintf(buf + used, len - used, "%s", s);
}

bool hb_coverage_sees(const struct hb_results *r, const char *hook, char *buf, size_t len)
{
	bool obj[2] = { false, false }, out[2] = { false, false };
	bool seen[NROUTES] = { false }, candidate[NROUTES] = { false }, missed[NROUTES] = { false };
	bool untried[NROUTES] = { false };
	size_t nseen = 0, nmissed = 0, nuntried = 0;
	struct tally t;

	*buf = '\0';
	tally(r, hook, &t);
	if (!t.any)
		return false;
	for (size_t k = 0; k < NROUTES; k++)
		for (int d = 0; d < 2; d++)
			for (int o = 0; o < 2; o++)
				if (t.seen[k][d][o]) {
					seen[k] = obj[d] = out[o] = true;
				}
	/* The routes that could have shown what was seen: they ran the same objects and outcomes. */
	for (size_t k = 0; k < NROUTES; k++) {
		bool ran = false;

		for (int d = 0; d < 2; d++)
			for (int o = 0; o < 2; o++) {
				candidate[k] |= t.ran[k][d][o] && obj[d] && out[o];
				ran |= t.ran[k][d][o];
			}
		untried[k] = t.listed[k] && !ran;
		missed[k] = candidate[k] && !seen[k];
		nseen += seen[k];
		nmissed += missed[k];
		nuntried += untried[k];
	}
	if (!nseen) {
		snprintf(buf, len, "none of the paths");
	} else if (nseen == 1) {
		list_routes(buf, len, seen);
		append(buf, len, " only");
	} else if (!nmissed) {
		append(buf, len, "every route");
	} else if (nmissed < nseen) {
		append(buf, len, "all but ");
		list_routes(buf, len, missed);
	} else {
		list_routes(buf, len, seen);
	}
	if (nseen && obj[0] != obj[1])
		append(buf, len, obj[1] ? ", dirs only" : ", files only");
	if (nseen && out[0] != out[1])
		append(buf, len, out[1] ? ", removals only" : ", failed calls only");
	if (nuntried) {
		append(buf, len, " (");
		list_routes(buf, len, untried);
		append(buf, len, " could not run here)");
	}
	if (t.part)
		append(buf, len, "; some paths only in part");
	return t.part;
}

const char *hb_coverage_can_block(const struct hb_results *r, const char *hook)
{
	const struct hb_match m[] = { { "hook", hook }, { NULL, NULL } };
	long i = hb_table_find(&r->blocking, 0, m);

	return i >= 0 ? hb_table_str(&r->blocking, (size_t)i, "can_block") : "";
}
