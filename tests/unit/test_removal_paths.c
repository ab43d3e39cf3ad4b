// SPDX-License-Identifier: GPL-2.0-only
/* The removal paths: the list per architecture, and each path making its call. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "removal_paths.h"
#include "scratch.h"
#include "storm.h"
#include "tap.h"

static size_t count_present(const char *arch)
{
	size_t n = 0;

	for (int p = 0; p < HB_PATH_COUNT; p++)
		n += hb_removal_path_absent(p, arch) == NULL;
	return n;
}

static void test_lists(void)
{
	static const enum hb_removal_path arm64_has[] = {
		HB_PATH_UNLINKAT, HB_PATH_UNLINKAT_DIR, HB_PATH_IO_URING_UNLINKAT,
		HB_PATH_IO_URING_UNLINKAT_DIR,
	};

	TAP_OK(count_present("x86_64") == 10, "x86_64 has all 10 paths (%zu)", count_present("x86_64"));
	TAP_OK(count_present("aarch64") == 4, "arm64 has 4 paths (%zu)", count_present("aarch64"));
	for (size_t i = 0; i < sizeof(arm64_has) / sizeof(arm64_has[0]); i++)
		TAP_OK(!hb_removal_path_absent(arm64_has[i], "aarch64"), "arm64 has %s",
		       hb_removal_path_names[arm64_has[i]]);
	TAP_STREQ(hb_removal_path_absent(HB_PATH_UNLINK, "aarch64"),
		  "arm64 has no such syscall (unlinkat only)", "arm64: why no unlink");
	TAP_STREQ(hb_removal_path_absent(HB_PATH_RMDIR, "aarch64"),
		  "arm64 has no such syscall (unlinkat only)", "arm64: why no rmdir");
	TAP_STREQ(hb_removal_path_absent(HB_PATH_COMPAT_UNLINKAT, "aarch64"),
		  "x86_64 only: 32-bit calls through int $0x80", "arm64: why no compat calls");
	TAP_STREQ(hb_removal_path_names[HB_PATH_IO_URING_UNLINKAT_DIR], "io_uring_unlinkat_dir",
		  "the CSV name of io_uring's AT_REMOVEDIR path");
	TAP_OK(hb_removal_path_is_dir(HB_PATH_COMPAT_RMDIR) && !hb_removal_path_is_dir(HB_PATH_UNLINK),
	       "rmdir paths remove directories, unlink paths files");
}

static bool exists(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Only io_uring and compat calls may be missing from a kernel; native ones never. */
static void test_calls(int dirfd)
{
	for (int p = 0; p < HB_PATH_COUNT; p++) {
		const char *name = hb_removal_path_names[p];
		char why[256] = "";
		int err;

		if (hb_removal_path_absent(p, hb_removal_arch))
			continue;
		err = hb_removal_path_runnable(p, why, sizeof(why));
		/* Only a capability the kernel lacks is a skip; any other failure is ours. */
		if (err && (strstr(why, "no io_uring") || strstr(why, "io_uring is disabled") ||
			    strstr(why, "runs no 32-bit calls"))) {
			printf("ok %d - %s # SKIP %s\n", ++tap_n, name, why);
			continue;
		}
		TAP_OK(!err, "%s runs on this kernel (%s)", name, why);
		if (err)
			continue; /* calling it anyway could kill the test (int $0x80 without IA32) */
		err = hb_removal_call(p, HB_OUTCOME_REMOVED, dirfd);
		TAP_OK(!err, "%s removes a name it made (%s)", name, strerror(-err));
		TAP_OK(!exists(dirfd, "hookbench-file") && !exists(dirfd, "hookbench-dir"),
		       "%s left nothing behind", name);
		err = hb_removal_call(p, HB_OUTCOME_ENOENT, dirfd);
		TAP_OK(!err, "%s finds no missing name (%s)", name, strerror(-err));
	}
}

/* The enoent call refuses to run on a name that exists. */
static void test_absent_name_exists(int dirfd)
{
	int err;

	mkdirat(dirfd, STORM_ENOENT_NAME, 0700);
	err = hb_removal_call(HB_PATH_UNLINKAT_DIR, HB_OUTCOME_ENOENT, dirfd);
	TAP_OK(err == -EEXIST, "an enoent call on an existing name is -EEXIST (%d)", err);
	unlinkat(dirfd, STORM_ENOENT_NAME, AT_REMOVEDIR);
}

int main(void)
{
	struct storm_scratch s;
	int err;

	test_lists();
	err = storm_scratch_create(&s, NULL, 1);
	TAP_OK(!err, "a scratch directory (%s)", strerror(-err));
	if (!err) {
		test_calls(s.thread_fd[0]);
		test_absent_name_exists(s.thread_fd[0]);
		TAP_OK(storm_scratch_destroy(&s) == 0, "the scratch directory is removed, nothing left");
	}
	return tap_done();
}
