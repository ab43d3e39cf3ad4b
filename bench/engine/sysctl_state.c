// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "sysctl_state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "json_read.h"
#include "open_regular.h"

#define PREFIX "sysctl-"
#define SUFFIX ".state"

static const char *state_dir(void)
{
	const char *d = getenv(HB_STATE_DIR_ENV);

	return d && *d ? d : HB_STATE_DIR;
}

/* "/proc/sys/debug/kprobes-optimization" -> "debug.kprobes-optimization". */
static void state_name(const char *path, char *buf, size_t len)
{
	size_t n = 0;

	if (!strncmp(path, "/proc/sys/", 10))
		path += 10;
	while (*path == '/')
		path++;
	for (; *path && n + 1 < len; path++)
		buf[n++] = *path == '/' ? '.' : *path;
	buf[n] = '\0';
}

static int make_dir(const char *dir)
{
	char parent[PATH_MAX];
	char *slash;

	if (!mkdir(dir, 0700) || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -errno;
	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (!slash || slash == parent)
		return -ENOENT;
	*slash = '\0';
	if (mkdir(parent, 0755) && errno != EEXIST)
		return -errno;
	return mkdir(dir, 0700) && errno != EEXIST ? -errno : 0;
}

static int write_record(int fd, const char *path, const char *old, const char *set,
			const char *who)
{
	struct hb_json j;
	FILE *f = fdopen(fd, "w");
	int err = 0;

	if (!f) {
		err = -errno;
		close(fd);
		return err;
	}
	hb_json_init(&j, f, false);
	hb_json_object_begin(&j, NULL);
	hb_json_string(&j, "path", path);
	hb_json_string(&j, "old", old);
	hb_json_string(&j, "set", set);
	hb_json_string(&j, "who", who);
	hb_json_i64(&j, "pid", getpid());
	hb_json_object_end(&j);
	fputc('\n', f);
	if (fflush(f) || fsync(fileno(f)))
		err = -errno;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

int hb_sysctl_state_record(const char *path, const char *old, const char *set, const char *who,
			   char *state, size_t statelen, char *why, size_t len)
{
	const char *dir = state_dir();
	char name[200], tmp[PATH_MAX + 32], final[PATH_MAX + 32];
	int fd, err;

	state[0] = '\0';
	state_name(path, name, sizeof(name));
	snprintf(final, sizeof(final), "%s/" PREFIX "%s" SUFFIX, dir, name);
	snprintf(tmp, sizeof(tmp), "%s/." PREFIX "%s.%d", dir, name, (int)getpid());
	err = make_dir(dir);
	if (err) {
		snprintf(why, len, "cannot create %s to record the change of %s: %s", dir, path,
			 strerror(-err));
		return err;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	err = fd < 0 ? -errno : write_record(fd, path, old, set, who);
	/* NOREPLACE: a record still there belongs to a run that is alive. */
	if (!err && renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE))
		err = -errno;
	if (err) {
		unlink(tmp);
		if (err == -EEXIST)
			snprintf(why, len, "%s is being changed by another hookbench run (see %s)",
				 path, final);
		else
			snprintf(why, len, "cannot record the change of %s in %s: %s", path, final,
				 strerror(-err));
		return err;
	}
	snprintf(state, statelen, "%s", final);
	return 0;
}

void hb_sysctl_state_forget(const char *state)
{
	if (state && state[0])
		unlink(state);
}

static bool alive(pid_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

/* The first line of path, without its newline. */
static int read_value(const char *path, char *buf, size_t len)
{
	int fd = hb_open_regular(path, NULL, 0);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_value(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	return err;
}

/*
 * Settle one record: 1 when settled (the record is removed), 0 when its run
 * is alive, -errno when it could not be (the record stays for another try).
 */
static int settle(const char *state, FILE *report)
{
	struct json_object *rec = NULL;
	const char *path, *old, *set, *who;
	char why[PATH_MAX + 64], now[64];
	pid_t pid;
	int err;

	err = hb_jload(state, &rec, why, sizeof(why));
	if (err) {
		fprintf(report, "hookbench: warning: cannot read %s: %s\n", state, why);
		return err;
	}
	path = hb_jstr(rec, "path", "");
	old = hb_jstr(rec, "old", "");
	set = hb_jstr(rec, "set", "");
	who = hb_jstr(rec, "who", "hookbench");
	pid = (pid_t)hb_jnum(rec, "pid", 0);
	if (alive(pid)) {
		err = 0;
		goto cleanup;
	}
	/* Only sysctls, unless a test points the state directory elsewhere. */
	if (!*path || !*old || (strncmp(path, "/proc/sys/", 10) && !getenv(HB_STATE_DIR_ENV))) {
		fprintf(report, "hookbench: warning: %s does not name a sysctl and its old value: "
			"left in place\n", state);
		err = -EINVAL;
		goto cleanup;
	}
	err = read_value(path, now, sizeof(now));
	if (!err && strcmp(now, set)) {
		fprintf(report, "hookbench: left %s at %s: %s pid %d that did not finish had set it "
			"to %s (from %s), and it has changed since\n", path, now, who, (int)pid, set, old);
	} else if (!err) {
		err = write_value(path, old);
		if (!err)
			fprintf(report, "hookbench: restored %s to %s, left at %s by %s pid %d that did "
				"not finish\n", path, old, set, who, (int)pid);
	}
	if (err == -ENOENT) {
		fprintf(report, "hookbench: %s is gone (%s pid %d had set it to %s)\n", path, who,
			(int)pid, set);
		err = 0;
	}
	if (err) {
		fprintf(report, "hookbench: warning: cannot restore %s to %s: %s (record kept in %s)\n",
			path, old, strerror(-err), state);
		goto cleanup;
	}
	unlink(state);
	err = 1;
cleanup:
	json_object_put(rec);
	return err;
}

static bool is_record(const char *name)
{
	size_t n = strlen(name);

	return n > strlen(PREFIX SUFFIX) && !strncmp(name, PREFIX, strlen(PREFIX)) &&
	       !strcmp(name + n - strlen(SUFFIX), SUFFIX);
}

int hb_sysctl_recover(FILE *report, char *why, size_t len)
{
	const char *dir = state_dir();
	char state[PATH_MAX + 300];
	struct dirent *e;
	int settled = 0, err = 0, r;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		err = -errno;
		snprintf(why, len, "cannot read %s: %s", dir, strerror(-err));
		return err;
	}
	while ((e = readdir(d))) {
		if (!is_record(e->d_name))
			continue;
		snprintf(state, sizeof(state), "%s/%s", dir, e->d_name);
		r = settle(state, report);
		if (r > 0)
			settled++;
		else if (r < 0 && !err)
			err = r;
	}
	closedir(d);
	if (err) {
		snprintf(why, len, "some changes could not be put back (see above)");
		return err;
	}
	return settled;
}
