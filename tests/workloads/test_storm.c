// SPDX-License-Identifier: GPL-2.0-only
/* TAP unit tests of the storm library: the loop and the scratch directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "storm.h"
#include "tap.h"

static char base[64];	/* private parent for every scratch dir made here */

/* One TAP line for DESC, with DETAIL (an error, a value) after it when given. */
static void check(int cond, const char *desc, const char *detail)
{
	if (detail)
		TAP_OK(cond, "%s (%s)", desc, detail);
	else
		TAP_OK(cond, "%s", desc);
}

static int exists_at(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Count entries in base named unlink-storm.* (what a test may have left). */
static int count_leftovers(void)
{
	char cmd[128];
	int n = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | grep -c '^unlink-storm\\.'", base);
	p = popen(cmd, "r");
	if (!p)
		goto cleanup;
	if (fscanf(p, "%d", &n) != 1)
		n = -1;
	pclose(p);
cleanup:
	return n;
}

static void test_create_layout(void)
{
	struct storm_scratch s;
	struct stat st;
	int err = storm_scratch_create(&s, base, 3);

	check(err == 0, "create with 3 threads", strerror(-err));
	if (err)
		return;
	check(strncmp(s.path, base, strlen(base)) == 0 &&
	      strstr(s.path, "/unlink-storm.") != NULL, "path is under the parent", s.path);
	check(fstat(s.dirfd, &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 07777) == 0700 && st.st_uid == geteuid(),
	      "scratch dir is ours with mode 0700", NULL);
	check(s.nthreads == 3 && exists_at(s.dirfd, "t0") && exists_at(s.dirfd, "t2") &&
	      s.thread_fd[2] >= 0, "one subdir and fd per thread", NULL);
	err = storm_scratch_destroy(&s);
	check(err == 0 && s.dirfd == -1 && count_leftovers() == 0,
	      "destroy removes everything", strerror(-err));
	check(storm_scratch_destroy(&s) == 0, "destroy twice is harmless", NULL);
}

/* The filesystem name, against the kernel's own magic numbers (linux/magic.h). */
static void scratch_fs_in(const char *parent, unsigned long magic, const char *want)
{
	struct storm_scratch s;
	struct statfs st;
	char fs[32] = "";

	if (statfs(parent, &st) || (unsigned long)st.f_type != magic) {
		printf("ok %d - # SKIP %s is not %s here\n", ++tap_n, parent, want);
		return;
	}
	if (storm_scratch_create(&s, parent, 1)) {
		printf("ok %d - # SKIP cannot make a scratch dir in %s\n", ++tap_n, parent);
		return;
	}
	check(storm_scratch_fs(&s, fs, sizeof(fs)) == 0 && !strcmp(fs, want),
	      "the scratch dir's filesystem is named", fs);
	storm_scratch_destroy(&s);
}

static void test_scratch_fs(void)
{
	scratch_fs_in("/dev/shm", TMPFS_MAGIC, "tmpfs");
	scratch_fs_in(base, EXT4_SUPER_MAGIC, "ext4");
}

static void test_loops(void)
{
	_Atomic bool stop = false;
	struct storm_scratch s;
	uint64_t done = 99;
	int err = storm_scratch_create(&s, base, 1);

	check(err == 0, "create with 1 thread", strerror(-err));
	if (err)
		return;
	err = storm_loop(STORM_MODE_ENOENT, s.thread_fd[0], 100, NULL, &done);
	check(err == 0 && done == 100, "enoent: 100 iterations, stop NULL", strerror(-err));
	err = storm_loop(STORM_MODE_CREATE, s.thread_fd[0], 100, &stop, &done);
	check(err == 0 && done == 100 && !exists_at(s.thread_fd[0], STORM_CREATE_NAME),
	      "create: 100 iterations, no file left", strerror(-err));
	atomic_store(&stop, true);
	err = storm_loop(STORM_MODE_ENOENT, s.thread_fd[0], 100, &stop, &done);
	check(err == 0 && done == 0, "stop flag set: no iteration", strerror(-err));
	err = storm_loop(STORM_MODE_COUNT, s.thread_fd[0], 1, NULL, &done);
	check(err == -EINVAL && done == 0, "bad mode is -EINVAL", NULL);
	err = storm_loop(STORM_MODE_ENOENT, -1, 1, NULL, &done);
	check(err == -EBADF && done == 0, "bad fd is reported", strerror(-err));
	err = storm_scratch_destroy(&s);
	check(err == 0 && count_leftovers() == 0, "destroy after loops", strerror(-err));
}

/* other: getppid() only, so it needs no directory and touches none. */
static void test_other(void)
{
	uint64_t done = 99;
	int err;

	err = storm_loop(STORM_MODE_OTHER, -1, 1000, NULL, &done);
	check(err == 0 && done == 1000, "other: 1000 iterations, no directory needed", strerror(-err));
	err = storm_loop(STORM_MODE_OTHER_REMOTE, -1, 7, NULL, &done);
	check(err == 0 && done == 7, "other_remote runs the same loop", strerror(-err));
	check(storm_mode_unlinks(STORM_MODE_OTHER) == 0 && storm_mode_unlinks(STORM_MODE_OTHER_REMOTE) == 0 &&
	      storm_mode_unlinks(STORM_MODE_CHURN) == 1 && storm_mode_unlinks(STORM_MODE_ENOENT) == 1,
	      "unlinkat calls per iteration: 0 for other modes, 1 for churn", NULL);
}

/* Entries in dirfd other than . and .. */
static int count_entries(int dirfd)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	int n = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* A scratch dir under base with nthreads thread dirs; a failure is a failed check "create for WHAT". */
static int scratch_for(struct storm_scratch *s, unsigned nthreads, const char *what)
{
	int err = storm_scratch_create(s, base, nthreads);
	char desc[64];

	if (err) {
		snprintf(desc, sizeof(desc), "create for %s", what);
		check(0, desc, strerror(-err));
	}
	return err;
}

/*
 * churn: each iteration creates the file and removes it again (one
 * unlinkat: a second would fail with ENOENT and stop the loop), and its
 * own file under the name makes the next openat(O_EXCL) fail.
 */
static void test_churn(void)
{
	struct storm_scratch s;
	struct stat st;
	uint64_t done = 99;
	int err, fd;

	if (scratch_for(&s, 1, "churn"))
		return;
	err = storm_loop(STORM_MODE_CHURN, s.thread_fd[0], 500, NULL, &done);
	check(err == 0 && done == 500 && count_entries(s.thread_fd[0]) == 0,
	      "churn: 500 iterations leave the directory empty", strerror(-err));
	fd = openat(s.thread_fd[0], STORM_CREATE_NAME, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	err = storm_loop(STORM_MODE_CHURN, s.thread_fd[0], 10, NULL, &done);
	check(fd >= 0 && err == -EEXIST && done == 0 &&
	      fstatat(s.thread_fd[0], STORM_CREATE_NAME, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	      st.st_size == 0,
	      "churn: an existing file is -EEXIST and is neither written nor removed", strerror(-err));
	/* Now it looks like what a churn iteration that failed before unlinkat leaves. */
	if (fd >= 0) {
		if (write(fd, "12345678", STORM_CHURN_BYTES) != STORM_CHURN_BYTES)
			check(0, "fill the churn file", strerror(errno));
		close(fd);
	}
	err = storm_scratch_destroy(&s);
	check(err == 0 && count_leftovers() == 0, "destroy removes a churn-size file too", strerror(-err));
}

/* Something exists under the enoent name: the loop stops with -EEXIST. */
static void test_enoent_name_exists(void)
{
	struct storm_scratch s;
	uint64_t done = 99;
	int err, fd;

	if (scratch_for(&s, 1, "enoent-exists"))
		return;
	fd = openat(s.thread_fd[0], STORM_ENOENT_NAME, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	err = storm_loop(STORM_MODE_ENOENT, s.thread_fd[0], 10, NULL, &done);
	check(err == -EEXIST && done == 0, "enoent: existing name is -EEXIST", strerror(-err));
	unlinkat(s.thread_fd[0], STORM_ENOENT_NAME, 0);
	err = storm_scratch_destroy(&s);
	check(err == 0 && count_leftovers() == 0, "destroy after enoent-exists", strerror(-err));
}

/* A symlink planted under the create name: O_EXCL refuses it, nothing followed or removed. */
static void test_create_refuses_symlink(void)
{
	char target[128], buf[16] = "";
	struct storm_scratch s;
	uint64_t done = 99;
	int err, fd = -1;

	snprintf(target, sizeof(target), "%s/target", base);
	fd = open(target, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, "canary", 6) != 6) {
		check(0, "make canary", strerror(errno));
		goto cleanup;
	}
	if (scratch_for(&s, 1, "planted symlink"))
		goto cleanup;
	if (symlinkat(target, s.thread_fd[0], STORM_CREATE_NAME)) {
		check(0, "plant symlink", strerror(errno));
		goto destroy;
	}
	err = storm_loop(STORM_MODE_CREATE, s.thread_fd[0], 10, NULL, &done);
	check(err == -EEXIST && done == 0, "create: planted symlink is -EEXIST", strerror(-err));
	err = storm_scratch_destroy(&s);
	check(err == -ENOTEMPTY && exists_at(AT_FDCWD, s.path),
	      "destroy leaves the dir holding the symlink (-ENOTEMPTY)", strerror(-err));
	close(fd);
	fd = open(target, O_RDONLY | O_CLOEXEC);
	check(fd >= 0 && read(fd, buf, sizeof(buf) - 1) == 6 && strcmp(buf, "canary") == 0,
	      "symlink target intact", NULL);
	/* Test cleanup: these names are ours. */
	{
		char p[4200];

		snprintf(p, sizeof(p), "%s/t0/%s", s.path, STORM_CREATE_NAME);
		unlink(p);
		snprintf(p, sizeof(p), "%s/t0", s.path);
		rmdir(p);
		rmdir(s.path);
	}
destroy:
	storm_scratch_destroy(&s);
cleanup:
	if (fd >= 0)
		close(fd);
	unlink(target);
}

/* A create-mode file a failed loop left behind is removed by destroy. */
static void test_destroy_removes_left_file(void)
{
	struct storm_scratch s;
	int err, fd;

	if (scratch_for(&s, 2, "left file"))
		return;
	fd = openat(s.thread_fd[1], STORM_CREATE_NAME,
		    O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	err = storm_scratch_destroy(&s);
	check(fd >= 0 && err == 0 && count_leftovers() == 0,
	      "destroy removes a left create-mode file", strerror(-err));
}

/* Foreign content: left in place, everything else removed, -ENOTEMPTY. */
static void test_destroy_keeps_foreign(void)
{
	struct storm_scratch s;
	char p[4200];
	int err, fd;

	if (scratch_for(&s, 2, "foreign"))
		return;
	fd = openat(s.thread_fd[1], "foreign", O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	/* Not our create file: it has content. */
	fd = openat(s.thread_fd[1], STORM_CREATE_NAME, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0) {
		if (write(fd, "x", 1) != 1)
			perror("write");
		close(fd);
	}
	err = storm_scratch_destroy(&s);
	check(err == -ENOTEMPTY, "destroy with foreign content is -ENOTEMPTY", strerror(-err));
	snprintf(p, sizeof(p), "%s/t1/foreign", s.path);
	check(exists_at(AT_FDCWD, p), "foreign file left", NULL);
	snprintf(p, sizeof(p), "%s/t1/%s", s.path, STORM_CREATE_NAME);
	check(exists_at(AT_FDCWD, p), "non-empty file under the create name left", NULL);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t1/foreign", s.path);
	unlink(p);
	snprintf(p, sizeof(p), "%s/t0", s.path);
	check(!exists_at(AT_FDCWD, p), "clean thread dir removed", NULL);
	snprintf(p, sizeof(p), "%s/t1", s.path);
	rmdir(p);
	rmdir(s.path);
	check(storm_scratch_destroy(&s) == 0, "destroy again after failure", NULL);
}

/* The scratch dir renamed and its name taken by a symlink: nothing removed through it. */
static void test_destroy_moved(void)
{
	char moved[128], outside[128];
	struct storm_scratch s;
	int err;

	if (scratch_for(&s, 1, "moved"))
		return;
	snprintf(moved, sizeof(moved), "%s/moved", base);
	snprintf(outside, sizeof(outside), "%s/outside", base);
	if (mkdir(outside, 0700) || rename(s.path, moved) || symlink(outside, s.path)) {
		check(0, "move scratch dir", strerror(errno));
		goto cleanup;
	}
	err = storm_scratch_destroy(&s);
	check(err == -ESTALE, "destroy of a moved dir is -ESTALE", strerror(-err));
	check(exists_at(AT_FDCWD, s.path) && exists_at(AT_FDCWD, outside) &&
	      exists_at(AT_FDCWD, moved), "symlink, its target and the moved dir left", NULL);
cleanup:
	unlink(s.path);
	rmdir(moved);
	rmdir(outside);
	storm_scratch_destroy(&s);
}

static void test_create_errors(void)
{
	struct storm_scratch s;
	char missing[128];
	mode_t old;
	int err;

	memset(&s, 0, sizeof(s));
	s.dirfd = -1;
	check(storm_scratch_destroy(&s) == 0, "destroy on a zeroed struct", NULL);
	check(storm_scratch_create(&s, base, 0) == -EINVAL && count_leftovers() == 0,
	      "0 threads is -EINVAL", NULL);
	check(storm_scratch_create(&s, base, STORM_MAX_THREADS + 1) == -EINVAL,
	      "257 threads is -EINVAL", NULL);
	snprintf(missing, sizeof(missing), "%s/missing", base);
	check(storm_scratch_create(&s, missing, 1) == -ENOENT, "missing parent is -ENOENT", NULL);
	/* A umask that strips owner bits: the mode check fails and the dir is removed. */
	old = umask(0200);
	err = storm_scratch_create(&s, base, 1);
	umask(old);
	check(err == -EPERM && count_leftovers() == 0, "mode not 0700 is -EPERM, nothing left",
	      strerror(-err));
	setenv("TMPDIR", base, 1);
	err = storm_scratch_create(&s, NULL, 1);
	check(err == 0 && strncmp(s.path, base, strlen(base)) == 0,
	      "NULL parent means $TMPDIR", s.path);
	storm_scratch_destroy(&s);
}

int main(void)
{
	int ret = 1;

	strcpy(base, "/tmp/hb-storm-test.XXXXXX");
	if (!mkdtemp(base)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		goto cleanup;
	}
	test_create_layout();
	test_scratch_fs();
	test_loops();
	test_other();
	test_churn();
	test_enoent_name_exists();
	test_create_refuses_symlink();
	test_destroy_removes_left_file();
	test_destroy_keeps_foreign();
	test_destroy_moved();
	test_create_errors();
	check(count_leftovers() == 0, "nothing left in the parent", NULL);
	ret = tap_done();
	if (rmdir(base))
		printf("# could not remove %s: %s\n", base, strerror(errno));
cleanup:
	return ret;
}
