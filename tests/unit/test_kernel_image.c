// SPDX-License-Identifier: GPL-2.0-only
/* Kernel image recognition, and refusing what is not a regular file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel_image.h"
#include "open_regular.h"
#include "tap.h"

static char dir[] = "/tmp/hookbench-kimage.XXXXXX";

#define BAIL(...)							\
	do {								\
		printf("Bail out! ");					\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		exit(1);						\
	} while (0)

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static void write_file(const char *name, const void *data, size_t n, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "we");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f))
		BAIL("cannot write %s", path);
}

static void test_heads(void)
{
	unsigned char head[HB_KERNEL_IMAGE_HEAD] = { 0 };

	TAP_OK(hb_kernel_image_arch(head, sizeof(head)) == NULL, "zeros are no kernel");
	head[0x1FE] = 0x55;
	head[0x1FF] = 0xAA;
	TAP_OK(hb_kernel_image_arch(head, sizeof(head)) == NULL, "a boot flag alone is no bzImage");
	memcpy(head + 0x202, "HdrS", 4);
	TAP_STREQ(or_none(hb_kernel_image_arch(head, sizeof(head))), "x86_64", "boot flag and HdrS: a bzImage");
	TAP_OK(hb_kernel_image_arch(head, 0x204) == NULL, "a bzImage cut short is none");
	head[0x1FE] = 0;
	TAP_OK(hb_kernel_image_arch(head, sizeof(head)) == NULL, "HdrS without the boot flag is none");
	memset(head, 0, sizeof(head));
	memcpy(head + 0x38, "ARM\x64", 4);
	TAP_STREQ(or_none(hb_kernel_image_arch(head, 0x40)), "arm64", "ARM\\x64 at 0x38: an arm64 Image");
	TAP_OK(hb_kernel_image_arch(head, 0x3B) == NULL, "an arm64 header cut short is none");
}

static void test_files(void)
{
	unsigned char head[0x400] = { 0 };
	char path[256], why[512];
	const char *arch = NULL;
	FILE *f;
	int fd;

	head[0x1FE] = 0x55;
	head[0x1FF] = 0xAA;
	memcpy(head + 0x202, "HdrS", 4);
	write_file("vmlinuz", head, sizeof(head), path, sizeof(path));
	TAP_OK(hb_kernel_image_check(path, &arch, why, sizeof(why)) == 0 && !strcmp(arch, "x86_64"),
	       "a file with a bzImage header is a kernel");

	write_file("config", "CONFIG_KPROBES=y\n", 17, path, sizeof(path));
	TAP_OK(hb_kernel_image_check(path, &arch, why, sizeof(why)) == -ENOEXEC &&
	       !strncmp(why, "not a kernel image: ", 20), "a text file is not: %s", why);
	write_file("empty", "", 0, path, sizeof(path));
	TAP_OK(hb_kernel_image_check(path, &arch, why, sizeof(why)) == -ENOEXEC, "nor an empty file");

	TAP_OK(hb_kernel_image_check(dir, &arch, why, sizeof(why)) == -EINVAL &&
	       !strncmp(why, "not a regular file: ", 20), "a directory is refused: %s", why);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	if (mkfifo(path, 0600))
		BAIL("mkfifo %s: %s", path, strerror(errno));
	/* Opening a FIFO that has no writer would block without O_NONBLOCK. */
	TAP_OK(hb_kernel_image_check(path, &arch, why, sizeof(why)) == -EINVAL &&
	       !strncmp(why, "not a regular file: ", 20), "a FIFO is refused at once: %s", why);
	f = hb_fopen_regular(path, why, sizeof(why));
	TAP_OK(!f && errno == EINVAL, "hb_fopen_regular refuses the FIFO too");
	TAP_OK(hb_open_regular("/dev/null", why, sizeof(why)) == -EINVAL, "a device is refused: %s", why);
	TAP_OK(hb_open_regular("/nonexistent/x", why, sizeof(why)) == -ENOENT &&
	       strstr(why, "No such file"), "a missing file is -ENOENT: %s", why);

	snprintf(path, sizeof(path), "%s/vmlinuz", dir);
	fd = hb_open_regular(path, why, sizeof(why));
	TAP_OK(fd >= 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK) && (fcntl(fd, F_GETFD) & FD_CLOEXEC),
	       "a regular file comes back blocking and close-on-exec");
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char cmd[64];

	if (!mkdtemp(dir))
		BAIL("mkdtemp: %s", strerror(errno));
	test_heads();
	test_files();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		BAIL("cannot remove %s", dir);
	return tap_done();
}
