/* SPDX-License-Identifier: GPL-2.0-only */
/* Facts about the machine a run happened on. */
#ifndef HB_SYSINFO_H
#define HB_SYSINFO_H

#include <stddef.h>

/* "model name" of the first CPU in /proc/cpuinfo, or "unknown". */
void hb_cpu_model(char *buf, size_t len);

/* argv as one shell-quoted command line. */
void hb_command_line(int argc, char **argv, char *buf, size_t len);

/* Current UTC time as 2026-11-26T05:01:02Z. */
void hb_utc_now(char *buf, size_t len);

/* Value of a /proc/sys file as an integer, or -1 when unreadable. */
long hb_read_sysctl(const char *path);

/* The first line of a file, without its newline. 0 or -errno. */
int hb_read_line(const char *path, char *buf, size_t len);

/* Does /proc/cpuinfo list this CPU flag (e.g. "hypervisor")? 1, 0 or -errno. */
int hb_cpu_flag(const char *flag);

/*
 * The hypervisor's name from its CPUID signature (leaf 0x40000000):
 * "KVM", "Hyper-V", "VMware", "Xen", "QEMU TCG", or the raw signature.
 * 0, or -ENODATA on bare metal or where CPUID has no such leaf (not x86).
 */
int hb_hypervisor_vendor(char *buf, size_t len);

/*
 * Each file of /sys/devices/system/cpu/vulnerabilities, by name, with its
 * first line ("Mitigation: ...", "Not affected", ...). 0 or -errno.
 */
int hb_cpu_vulnerabilities(void (*fn)(void *ctx, const char *name, const char *text), void *ctx);

#endif
