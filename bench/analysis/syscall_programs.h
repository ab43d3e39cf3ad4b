/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * meta.json's "syscall_path_programs": BPF programs that were already
 * attached to the syscall path when the run started (a security agent,
 * say), whose cost every baseline includes.
 */
#ifndef HB_SYSCALL_PROGRAMS_H
#define HB_SYSCALL_PROGRAMS_H

#include <stddef.h>

struct json_object;

struct hb_syscall_prog {
	char id[24];       /* "?" when missing or not an integer */
	const char *type;  /* these three point into meta; "?" when missing */
	const char *name;
	const char *attach;
};

/* How many entries the list has: 0 when it is absent or not an array. */
size_t hb_syscall_prog_count(struct json_object *meta);

/* Entry i into p (all "?" past the end or for an entry that is not an object). */
void hb_syscall_prog_get(struct json_object *meta, size_t i, struct hb_syscall_prog *p);

#endif
