// SPDX-License-Identifier: GPL-2.0-only
/*
 * A changed sysctl is recorded before the change and the record dropped
 * after the restore; a record left by a process killed with SIGKILL is put
 * back by hb_sysctl_recover(). A plain file stands in for the sysctl.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sysctl_guard.h"
#include "sysctl_state.h"
#include "tap.h"

static char dir[] = "/tmp/hookbench-state.XXXXXX";
static char knob[128], record[512];

static void set_value(const char *v)
{
	FILE *f = fopen(knob, "we");

	if (!f || fputs(v, f) < 0 || fclose(f))
		exit(99);
}

static const char *value(void)
{
	static char buf[32];
	FILE *f = fopen(knob, "re");

	buf[0] = '\0';
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static void test_guard(void)
{
	struct hb_sysctl_guard g = { .fd = -1 };
	char why[512];

	set_value("1\n");
	TAP_OK(hb_sysctl_guard_set(&g, knob, "0", why, sizeof(why)) == 0, "the guard sets the knob");
	TAP_STREQ(value(), "0", "the knob reads 0 while set");
	TAP_OK(access(record, F_OK) == 0, "the change is recorded in %s", record);
	hb_sysctl_guard_release(&g);
	TAP_STREQ(value(), "1", "released: the knob is back to 1");
	TAP_OK(access(record, F_OK) && errno == ENOENT, "and the record is gone");
}

static void test_killed(void)
{
	struct hb_sysctl_guard g = { .fd = -1 };
	char why[512], line[1024];
	int status, n;
	FILE *report;
	pid_t pid;

	set_value("1\n");
	pid = fork();
	if (pid == 0) {
		if (hb_sysctl_guard_set(&g, knob, "0", why, sizeof(why)))
			_exit(1);
		raise(SIGKILL);
		_exit(2);
	}
	waitpid(pid, &status, 0);
	TAP_OK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child was killed holding the knob");
	TAP_STREQ(value(), "0", "the knob stays at 0 after SIGKILL");
	TAP_OK(access(record, F_OK) == 0, "the record outlives the child");

	report = tmpfile();
	n = hb_sysctl_recover(report, why, sizeof(why));
	rewind(report);
	if (!fgets(line, sizeof(line), report))
		line[0] = '\0';
	fclose(report);
	line[strcspn(line, "\n")] = '\0';
	TAP_OK(n == 1, "one record settled (%d)", n);
	TAP_STREQ(value(), "1", "recover put the knob back to 1");
	TAP_OK(strstr(line, "restored ") && strstr(line, " to 1, left at 0 by hookbench run pid ") &&
	       strstr(line, "that did not finish"), "and said so: %s", line);
	TAP_OK(access(record, F_OK) && errno == ENOENT, "the record is gone");
	TAP_OK(hb_sysctl_recover(stderr, why, sizeof(why)) == 0, "a second recover finds nothing");
}

static void test_live(void)
{
	struct hb_sysctl_guard g = { .fd = -1 }, other = { .fd = -1 };
	char why[512];

	set_value("1\n");
	TAP_OK(hb_sysctl_guard_set(&g, knob, "0", why, sizeof(why)) == 0, "a live run holds the knob");
	TAP_OK(hb_sysctl_recover(stderr, why, sizeof(why)) == 0 && !strcmp(value(), "0"),
	       "recover leaves a live run's change alone");
	TAP_OK(hb_sysctl_guard_set(&other, knob, "0", why, sizeof(why)) == -EEXIST &&
	       strstr(why, "another hookbench run"), "a second guard on it is refused: %s", why);
	hb_sysctl_guard_release(&other);
	hb_sysctl_guard_release(&g);
	TAP_STREQ(value(), "1", "the first guard still restores");
}

int main(void)
{
	char cmd[64];

	if (!mkdtemp(dir))
		return 99;
	snprintf(knob, sizeof(knob), "%s/kprobes-optimization", dir);
	/* The record's name comes from the knob's path with '/' as '.'. */
	snprintf(record, sizeof(record), "%s/state/sysctl-%s.state", dir, knob + 1);
	for (char *p = record + strlen(dir) + strlen("/state/sysctl-"); *p; p++)
		if (*p == '/')
			*p = '.';
	snprintf(cmd, sizeof(cmd), "%s/state", dir);
	setenv(HB_STATE_DIR_ENV, cmd, 1);
	test_guard();
	test_killed();
	test_live();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		return 99;
	return tap_done();
}
