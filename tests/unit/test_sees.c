// SPDX-License-Identifier: GPL-2.0-only
/* The decision table's "sees" and "can block" cells, from coverage.csv and blocking.csv rows. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "coverage_read.h"
#include "tap.h"

static const char *const x86_paths[] = {
	"unlink", "unlinkat", "unlinkat_dir", "rmdir", "io_uring_unlinkat", "io_uring_unlinkat_dir",
	"compat_unlink", "compat_unlinkat", "compat_unlinkat_dir", "compat_rmdir",
};
#define NX86 (sizeof(x86_paths) / sizeof(x86_paths[0]))

static bool compat(const char *path)
{
	return !strncmp(path, "compat_", 7);
}

/* What arm64 has not: unlink(2), rmdir(2), 32-bit calls. */
static bool not_on_arm64(const char *path)
{
	return compat(path) || !strcmp(path, "unlink") || !strcmp(path, "rmdir");
}

/* Append hook's rows for paths: seen as sees(path, removed) says; a reason where not_run(path). */
static void rows(char *csv, size_t len, const char *hook, const char *const *paths, size_t n,
		 int (*sees)(const char *path, int removed), bool (*not_run)(const char *path))
{
	for (size_t p = 0; p < n; p++)
		for (int removed = 1; removed >= 0; removed--) {
			size_t used = strlen(csv);

			if (not_run && not_run(paths[p]))
				snprintf(csv + used, len - used, "%s,%s,%s,,,the kernel cannot run it\n", hook,
					 paths[p], removed ? "removed" : "enoent");
			else
				snprintf(csv + used, len - used, "%s,%s,%s,%d,8,\n", hook, paths[p],
					 removed ? "removed" : "enoent", sees(paths[p], removed));
		}
}

static int tracepoint(const char *path, int removed)
{
	(void)removed;
	return !strcmp(path, "unlinkat") || !strcmp(path, "unlinkat_dir") ? 8 : 0;
}

/* do_unlinkat: every route's file removals, failed ones too. */
static int kprobe(const char *path, int removed)
{
	static const char *const seen[] = { "unlink", "unlinkat", "io_uring_unlinkat", "compat_unlink",
					    "compat_unlinkat" };

	(void)removed;
	for (size_t k = 0; k < sizeof(seen) / sizeof(seen[0]); k++)
		if (!strcmp(path, seen[k]))
			return 8;
	return 0;
}

/* security_path_unlink: the same, only where a name was removed. */
static int lsm(const char *path, int removed)
{
	return removed ? kprobe(path, removed) : 0;
}

static int all_but_compat(const char *path, int removed)
{
	(void)removed;
	return strncmp(path, "compat_", 7) ? 8 : 0;
}

static int partial(const char *path, int removed)
{
	return !strcmp(path, "unlinkat") && removed ? 5 : tracepoint(path, removed);
}

static int nothing(const char *path, int removed)
{
	(void)path;
	(void)removed;
	return 0;
}

static void load(struct hb_results *r, const char *csv)
{
	char why[256];
	int err;

	memset(r, 0, sizeof(*r));
	err = hb_csv_parse(csv, strlen(csv), &r->coverage, why, sizeof(why));
	if (err)
		printf("# %s\n", why);
	err = hb_csv_parse("hook,can_block,detail\nlsm,yes,EPERM; kept; 3 removed\n"
			   "tracepoint,no,the call went through\nfentry,not run,refused\n",
			   strlen("hook,can_block,detail\nlsm,yes,EPERM; kept; 3 removed\n"
				  "tracepoint,no,the call went through\nfentry,not run,refused\n"),
			   &r->blocking, why, sizeof(why));
	if (err)
		printf("# %s\n", why);
}

static void expect(const struct hb_results *r, const char *hook, const char *want, bool part)
{
	char buf[160];
	bool got = hb_coverage_sees(r, hook, buf, sizeof(buf));

	TAP_OK(!strcmp(buf, want) && got == part, "%s sees \"%s\" (want \"%s\"%s)", hook, buf, want,
	       part ? ", in part" : "");
}

int main(void)
{
	static char csv[1 << 16];
	struct hb_results r;

	strcpy(csv, "hook,path,outcome,seen,expected,reason\n");
	rows(csv, sizeof(csv), "tracepoint", x86_paths, NX86, tracepoint, NULL);
	rows(csv, sizeof(csv), "kprobe", x86_paths, NX86, kprobe, NULL);
	rows(csv, sizeof(csv), "lsm", x86_paths, NX86, lsm, NULL);
	rows(csv, sizeof(csv), "wide", x86_paths, NX86, all_but_compat, NULL);
	rows(csv, sizeof(csv), "half", x86_paths, NX86, partial, NULL);
	rows(csv, sizeof(csv), "blind", x86_paths, NX86, nothing, NULL);
	rows(csv, sizeof(csv), "no_compat", x86_paths, NX86, kprobe, compat);
	load(&r, csv);

	expect(&r, "tracepoint", "unlinkat(2) only", false);
	expect(&r, "kprobe", "every route, files only", false);
	expect(&r, "lsm", "every route, files only, removals only", false);
	expect(&r, "wide", "all but compat", false);
	expect(&r, "half", "unlinkat(2) only; some paths only in part", true);
	expect(&r, "blind", "none of the paths", false);
	expect(&r, "no_compat", "every route, files only (compat could not run here)", false);
	expect(&r, "absent", "", false);
	hb_csv_free(&r.coverage);
	hb_csv_free(&r.blocking);

	/* arm64: rows for the paths it has not, with why; they are not "not tried". */
	strcpy(csv, "hook,path,outcome,seen,expected,reason\n");
	rows(csv, sizeof(csv), "tracepoint", x86_paths, NX86, tracepoint, not_on_arm64);
	rows(csv, sizeof(csv), "kprobe", x86_paths, NX86, kprobe, not_on_arm64);
	load(&r, csv);
	r.meta = json_tokener_parse("{\"kernel\": {\"machine\": \"aarch64\"}}");
	expect(&r, "tracepoint", "unlinkat(2) only", false);
	expect(&r, "kprobe", "every route, files only", false);
	json_object_put(r.meta);

	TAP_STREQ(hb_coverage_can_block(&r, "lsm"), "yes", "lsm can block: yes");
	TAP_STREQ(hb_coverage_can_block(&r, "tracepoint"), "no", "tracepoint can block: no");
	TAP_STREQ(hb_coverage_can_block(&r, "fentry"), "not run", "fentry's proof did not run");
	TAP_STREQ(hb_coverage_can_block(&r, "kprobe"), "", "a hook without a proof has no answer");

	hb_csv_free(&r.coverage);
	hb_csv_free(&r.blocking);
	return tap_done();
}
