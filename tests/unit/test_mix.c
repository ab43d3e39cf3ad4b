// SPDX-License-Identifier: GPL-2.0-only
/*
 * hookbench mix's file: mix.csv written from counts and read back, every
 * malformed file refused with its reason, and the share report and plot
 * decide at (--share, --mix, DIR/mix.csv, the default).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mix.h"
#include "mix_csv.h"
#include "results.h"
#include "share.h"
#include "tap.h"

static char tmpdir[] = "/tmp/hb-test-mix.XXXXXX";

#define HEADER "syscall_nr,name,abi,count,share,seconds,total,kernel\n"
#define UNLINKAT_ROW "263,unlinkat,native,10,0.10000000,2.000,100,6.18\n"

/* text written to tmpdir/name; its path in path. */
static void write_file(const char *name, const char *text, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_good(void)
{
	struct hb_mix m;
	char why[512] = "", desc[200];
	int err = hb_mix_read(FIXTURES "/mix/good.csv", &m, why, sizeof(why));

	TAP_OK(err == 0, "a well-formed mix.csv reads (%s)", why);
	TAP_NEAR(m.seconds, 5.002, 1e-9, "its seconds");
	TAP_OK(m.total == 50000, "its total");
	TAP_OK(m.unlinkat == 500, "native unlinkat's count, not the 32-bit unlinkat's");
	TAP_OK(m.unlink == 300, "unlink's count, kept apart");
	TAP_NEAR(m.share, 0.01, 1e-12, "unlinkat's share: 500 of 50,000");
	TAP_STREQ(m.kernel, "6.18.0-test", "the kernel it was counted on");
	TAP_OK(m.ntop == 3 && !strcmp(m.top[0].name, "read") && !strcmp(m.top[1].name, "write") &&
	       !strcmp(m.top[2].name, "futex") && m.top[2].count == 5000, "the three most frequent, most first");
	hb_mix_describe(&m, desc, sizeof(desc));
	TAP_STREQ(desc, "500 unlinkat of 50,000 syscalls over 5.0 s on 6.18.0-test", "described for the page, its share left to the page");
}

static void test_print(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct hb_mix m;
	char why[512];

	hb_mix_read(FIXTURES "/mix/good.csv", &m, why, sizeof(why));
	hb_mix_print(f, &m);
	fclose(f);
	TAP_OK(strstr(buf, "unlinkat: 500 of 50,000 syscalls in 5.0 s = 1%; unlink: 300 more") != NULL,
	       "stdout: unlinkat's share with its counts, and unlink's calls on the same line");
	TAP_OK(strstr(buf, "\nmost frequent: read 30,000 (60%), write 10,000 (20%), futex 5,000 (10%)\n") != NULL,
	       "then the three most frequent");
	free(buf);
}

static const struct {
	const char *what, *text, *reason;
} malformed[] = {
	{ "a missing column", "syscall_nr,name,abi,count,share,seconds,total\n1,write,native,1,1,2,1\n",
	  "no kernel column" },
	{ "no rows", HEADER, "no rows" },
	{ "a ragged row", HEADER "1,write,native\n", "" },
	{ "zero seconds", HEADER "263,unlinkat,native,10,0.10000000,0,100,6.18\n", "line 2: seconds" },
	{ "a total that is not an integer", HEADER "263,unlinkat,native,10,0.10000000,2.000,1e2,6.18\n",
	  "line 2: total" },
	{ "rows that disagree on the seconds",
	  HEADER UNLINKAT_ROW "0,read,native,90,0.90000000,3.000,100,6.18\n", "line 3: a different value" },
	{ "an unknown abi", HEADER "263,unlinkat,x32,100,1.00000000,2.000,100,6.18\n", "line 2: abi" },
	{ "a syscall number out of range", HEADER UNLINKAT_ROW "5000,read,native,90,0.90000000,2.000,100,6.18\n",
	  "line 3: syscall_nr" },
	{ "an outside row with a number", HEADER UNLINKAT_ROW "7,,outside,90,0.90000000,2.000,100,6.18\n",
	  "line 3: an outside row" },
	{ "a count above the total", HEADER "263,unlinkat,native,101,1.00000000,2.000,100,6.18\n", "line 2: count" },
	{ "a share that is not count/total", HEADER UNLINKAT_ROW "0,read,native,90,0.50000000,2.000,100,6.18\n",
	  "line 3: share" },
	{ "a syscall twice", HEADER UNLINKAT_ROW "263,unlinkat,native,90,0.90000000,2.000,100,6.18\n",
	  "line 3: a second row" },
	{ "counts short of the total", HEADER UNLINKAT_ROW "0,read,native,80,0.80000000,2.000,100,6.18\n",
	  "add up to 90, not the total 100" },
	{ "no unlinkat row", HEADER "0,read,native,100,1.00000000,2.000,100,6.18\n", "no row for native unlinkat" },
};

static void test_malformed(void)
{
	char path[512], why[512];
	struct hb_mix m;
	int err;

	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		why[0] = '\0';
		write_file("bad.csv", malformed[i].text, path, sizeof(path));
		err = hb_mix_read(path, &m, why, sizeof(why));
		TAP_OK(err == -EINVAL && strstr(why, path) && strstr(why, malformed[i].reason),
		       "refused: %s (%s)", malformed[i].what, why);
	}
	err = hb_mix_read("/nonexistent/mix.csv", &m, why, sizeof(why));
	TAP_OK(err == -ENOENT, "a missing file is -ENOENT");
}

static void test_write_read(void)
{
	struct hb_syscall_counts *c = calloc(1, sizeof(*c));
	char path[512], why[512] = "";
	struct hb_mix m;
	FILE *f;
	char line[256];
	int err;

	c->native[0] = 700;
	c->native[SYS_unlinkat] = 0;
	c->native[1] = 200;
	c->compat[3] = 60;
	c->native[SYS_getppid] = 39;
	c->outside = 1;
	c->seconds = 2.5;
	snprintf(path, sizeof(path), "%s/mix.csv", tmpdir);
	err = hb_mix_csv_write(path, c, why, sizeof(why));
	TAP_OK(err == 0, "mix.csv written (%s)", why);
	err = hb_mix_read(path, &m, why, sizeof(why));
	TAP_OK(err == 0, "and read back (%s)", why);
	TAP_OK(m.total == 1000 && m.unlinkat == 0 && m.share == 0,
	       "unlinkat has its row at 0, so the share reads 0, not missing");
	TAP_NEAR(m.seconds, 2.5, 1e-9, "the seconds it counted");
	TAP_OK(m.ntop == 3 && m.top[0].count == 700 && m.top[1].count == 200 && m.top[2].count == 60 &&
	       !strcmp(m.top[2].abi, "compat"), "counts kept by ABI: the 32-bit call is third");
	TAP_STREQ(m.top[0].name, "read", "named by libseccomp");
	f = fopen(path, "r");
	TAP_OK(f && fgets(line, sizeof(line), f) && fgets(line, sizeof(line), f) &&
	       !strncmp(line, "0,read,native,700,0.70000000,2.500,1000,", 40), "the first row is the most frequent");
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "%s/no-such-dir/mix.csv", tmpdir);
	err = hb_mix_csv_write(path, c, why, sizeof(why));
	TAP_OK(err == -ENOENT && strstr(why, "cannot write"), "an unwritable path says so (%s)", why);
	free(c);
}

static void test_share_parse(void)
{
	static const char *const bad[] = { "150", "-1", "", "%", "abc", "0.5%%", "1e400", "nan", "0x1p3" };
	char why[256];
	double v = -1;

	TAP_OK(hb_share_parse("0.5", &v, why, sizeof(why)) == 0 && v == 0.005, "--share 0.5 is 0.5%%");
	TAP_OK(hb_share_parse("0.5%", &v, why, sizeof(why)) == 0 && v == 0.005, "--share 0.5%% too");
	TAP_OK(hb_share_parse("100", &v, why, sizeof(why)) == 0 && v == 1, "100 is every syscall");
	TAP_OK(hb_share_parse("0", &v, why, sizeof(why)) == 0 && v == 0, "0 is none");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		TAP_OK(hb_share_parse(bad[i], &v, why, sizeof(why)) == -EINVAL &&
		       strstr(why, "must be a percentage from 0 to 100"), "--share '%s' refused: %s", bad[i], why);
	}
}

static void reset(struct hb_results *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "%s", dir);
	r->share.value = HB_SHARE_DEFAULT;
	snprintf(r->share.source, sizeof(r->share.source), "the default");
}

static void test_resolve(void)
{
	struct hb_results r;
	char dir[512], path[600], why[512] = "";
	int got;

	snprintf(dir, sizeof(dir), "%s/run", tmpdir);
	mkdir(dir, 0700);
	reset(&r, dir);
	got = hb_share_resolve(&r, NULL, NULL, why, sizeof(why));
	TAP_OK(got == 0 && r.share.value == HB_SHARE_DEFAULT && !strcmp(r.share.source, "the default"),
	       "nothing given, no DIR/mix.csv: the default stays");
	got = hb_share_resolve(&r, "0.25", NULL, why, sizeof(why));
	TAP_OK(got == 1 && r.share.value == 0.0025 && !strcmp(r.share.source, "given with --share"), "--share 0.25");
	reset(&r, dir);
	got = hb_share_resolve(&r, NULL, FIXTURES "/mix/good.csv", why, sizeof(why));
	TAP_OK(got == 1 && r.share.value == 0.01, "--mix FILE: its unlinkat share (%s)", why);
	TAP_OK(strstr(r.share.source, "good.csv: 500 unlinkat of 50,000 syscalls over 5.0 s on 6.18.0-test") != NULL,
	       "named with its counts: %s", r.share.source);
	reset(&r, dir);
	snprintf(path, sizeof(path), "%s/mix.csv", dir);
	write_file("run/mix.csv", HEADER "263,unlinkat,native,1,0.25000000,1.000,4,6.18\n"
		   "0,read,native,3,0.75000000,1.000,4,6.18\n", path, sizeof(path));
	got = hb_share_resolve(&r, NULL, NULL, why, sizeof(why));
	TAP_OK(got == 1 && r.share.value == 0.25 && !strcmp(r.share.source, "mix.csv: 1 unlinkat of 4 syscalls over 1.0 s on 6.18"),
	       "DIR/mix.csv when nothing is given: %s", r.share.source);
	got = hb_share_resolve(&r, "2", NULL, why, sizeof(why));
	TAP_OK(got == 1 && r.share.value == 0.02, "--share over DIR/mix.csv");
	reset(&r, dir);
	got = hb_share_resolve(&r, "150", NULL, why, sizeof(why));
	TAP_OK(got == -EINVAL && r.share.value == HB_SHARE_DEFAULT, "a bad --share is an error, the default untouched");
	got = hb_share_resolve(&r, "1", FIXTURES "/mix/good.csv", why, sizeof(why));
	TAP_OK(got == -EINVAL && strstr(why, "not both"), "--share and --mix together: %s", why);
	got = hb_share_resolve(&r, NULL, "/nonexistent/mix.csv", why, sizeof(why));
	TAP_OK(got == -EINVAL && strstr(why, "--mix /nonexistent/mix.csv: no such file"), "--mix of no file: %s", why);
	write_file("run/mix.csv", HEADER "0,read,native,3,1.00000000,1.000,3,6.18\n", path, sizeof(path));
	got = hb_share_resolve(&r, NULL, NULL, why, sizeof(why));
	TAP_OK(got == -EINVAL && strstr(why, "mix.csv: no row for native unlinkat"),
	       "a malformed DIR/mix.csv is an error, not the default: %s", why);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	char path[600];

	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_good();
	test_print();
	test_malformed();
	test_write_read();
	test_share_parse();
	test_resolve();
	snprintf(path, sizeof(path), "%s/bad.csv", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/mix.csv", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return tap_done();
}
