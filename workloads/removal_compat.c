// SPDX-License-Identifier: GPL-2.0-only
/*
 * 32-bit compat calls from this 64-bit process: int $0x80 takes i386
 * syscall numbers and 32-bit arguments, so a path must lie below 4 GiB
 * (MAP_32BIT). A kernel without IA32 emulation answers int $0x80 with a
 * signal, which the probe takes in a child.
 */
#include "removal_paths.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define COMPAT_BUF 4096
#define I386_GETPID 20

#if defined(__x86_64__)
long hb_compat_syscall(long nr, long a, long b, long c)
{
	long ret;

	/* r8-r11 were clobbered by int $0x80 before Linux 4.17. */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
}

char *hb_compat_string(const char *s)
{
	char *p;

	if (strlen(s) >= COMPAT_BUF)
		return NULL;
	p = mmap(NULL, COMPAT_BUF, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		 -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	strcpy(p, s);
	return p;
}

void hb_compat_free(char *p)
{
	if (p)
		munmap(p, COMPAT_BUF);
}

int hb_compat_probe(char *why, size_t len)
{
	const struct rlimit no_core = { 0, 0 };
	int status = 0, err;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		err = -errno;
		snprintf(why, len, "cannot fork the compat probe: %s", strerror(-err));
		return err;
	}
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core); /* a kernel without IA32 kills it: no core file */
		/* Die by the signal, not in a handler (ASan's turns SIGSEGV into exit 1). */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		_exit(hb_compat_syscall(I386_GETPID, 0, 0, 0) == getpid() ? 0 : 1);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			err = -errno;
			snprintf(why, len, "cannot wait for the compat probe: %s", strerror(-err));
			return err;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		snprintf(why, len, "the kernel runs no 32-bit calls (IA32 emulation off): int $0x80 "
			 "ended in %s", strsignal(WTERMSIG(status)));
	else
		snprintf(why, len, "getpid through int $0x80 did not return this process's pid: the "
			 "compat probe is broken");
	return WIFSIGNALED(status) ? -ENOSYS : -EPROTO;
}
#else
long hb_compat_syscall(long nr, long a, long b, long c)
{
	(void)nr, (void)a, (void)b, (void)c;
	return -ENOSYS;
}

char *hb_compat_string(const char *s)
{
	(void)s;
	return NULL;
}

void hb_compat_free(char *p)
{
	(void)p;
}

int hb_compat_probe(char *why, size_t len)
{
	snprintf(why, len, "x86_64 only: 32-bit calls through int $0x80");
	return -ENOSYS;
}
#endif
