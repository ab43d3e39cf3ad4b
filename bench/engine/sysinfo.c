// SPDX-License-Identifier: GPL-2.0-only
#include "sysinfo.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

void hb_cpu_model(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	char line[512];

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) != 0 || !colon)
			continue;
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(buf, len, "%s", colon);
		break;
	}
	fclose(f);
}

static int needs_quotes(const char *s)
{
	return !*s || strpbrk(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~");
}

/* Append n bytes of s, truncating at the end of buf; buf stays terminated. */
static void append(char *buf, size_t len, size_t *used, const char *s, size_t n)
{
	if (*used + 1 >= len)
		return;
	if (n > len - 1 - *used)
		n = len - 1 - *used;
	memcpy(buf + *used, s, n);
	*used += n;
	buf[*used] = '\0';
}

void hb_command_line(int argc, char **argv, char *buf, size_t len)
{
	size_t used = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (i)
			append(buf, len, &used, " ", 1);
		if (!needs_quotes(a)) {
			append(buf, len, &used, a, strlen(a));
			continue;
		}
		append(buf, len, &used, "'", 1);
		for (; *a; a++) {
			if (*a == '\'')
				append(buf, len, &used, "'\\''", 4);
			else
				append(buf, len, &used, a, 1);
		}
		append(buf, len, &used, "'", 1);
	}
}

void hb_utc_now(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long hb_read_sysctl(const char *path)
{
	FILE *f = fopen(path, "re");
	long v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

int hb_read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int err = 0;

	if (!f)
		return -errno;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	else
		err = ferror(f) ? -EIO : -ENODATA;
	fclose(f);
	return err;
}

static bool has_word(char *list, const char *word)
{
	char *save, *w;

	for (w = strtok_r(list, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
		if (!strcmp(w, word))
			return true;
	return false;
}

int hb_cpu_flag(const char *flag)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	char *line = NULL, *colon;
	size_t cap = 0;
	int found = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		colon = strchr(line, ':');
		if (strncmp(line, "flags", 5) || !colon)
			continue;
		found = has_word(colon + 1, flag);
		break; /* every CPU lists the same flags */
	}
	free(line);
	fclose(f);
	return found;
}

#define VULNERABILITIES "/sys/devices/system/cpu/vulnerabilities"

static int not_hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int hb_cpu_vulnerabilities(void (*fn)(void *ctx, const char *name, const char *text), void *ctx)
{
	struct dirent **names;
	char path[512], text[512];
	int n = scandir(VULNERABILITIES, &names, not_hidden, alphasort);

	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), VULNERABILITIES "/%s", names[i]->d_name);
		if (!hb_read_line(path, text, sizeof(text)))
			fn(ctx, names[i]->d_name, text);
		free(names[i]);
	}
	free(names);
	return 0;
}

#if defined(__x86_64__) || defined(__i386__)
static const char *const hypervisor_names[][2] = {
	{ "KVMKVMKVM", "KVM" },       { "Microsoft Hv", "Hyper-V" }, { "VMwareVMware", "VMware" },
	{ "XenVMMXenVMM", "Xen" },    { "TCGTCGTCGTCG", "QEMU TCG" }, { "bhyve bhyve ", "bhyve" },
	{ "ACRNACRNACRN", "ACRN" },   { " lrpepyh  vr", "Parallels" }, { "VBoxVBoxVBox", "VirtualBox" },
};

int hb_hypervisor_vendor(char *buf, size_t len)
{
	unsigned int eax, ebx, ecx, edx, sig[3];
	char name[13];

	__cpuid(1, eax, ebx, ecx, edx);
	if (!(ecx & (1u << 31))) /* the hypervisor-present bit */
		return -ENODATA;
	__cpuid(0x40000000, eax, sig[0], sig[1], sig[2]);
	memcpy(name, sig, 12);
	name[12] = '\0';
	for (size_t i = 0; i < sizeof(hypervisor_names) / sizeof(hypervisor_names[0]); i++)
		if (!strcmp(name, hypervisor_names[i][0])) {
			snprintf(buf, len, "%s", hypervisor_names[i][1]);
			return 0;
		}
	if (!name[0])
		return -ENODATA;
	snprintf(buf, len, "%s", name);
	return 0;
}
#else
int hb_hypervisor_vendor(char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return -ENODATA;
}
#endif
