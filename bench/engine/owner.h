/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Who holds a BPF program or link: the process with a descriptor of it,
 * from /proc/PID/fdinfo/FD, where the kernel writes `prog_id:` for a
 * program's descriptor and `link_id:` and `prog_id:` for a link's.
 */
#ifndef HB_OWNER_H
#define HB_OWNER_H

#include <stddef.h>
#include <stdint.h>

/* The ids in one fdinfo file's text: 0 for the ones it does not name. */
void hb_fdinfo_parse(const char *text, uint32_t *prog_id, uint32_t *link_id);

/* Every BPF id one process holds a descriptor of (dir: /proc/PID/fdinfo). */
struct hb_held {
	uint32_t *ids; /* program and link ids, unsorted */
	size_t n;
};

/* Returns 0 (an unreadable dir is an empty set), or -ENOMEM. */
int hb_held_collect(const char *fdinfo_dir, struct hb_held *h);
int hb_held_has(const struct hb_held *h, uint32_t id);
void hb_held_free(struct hb_held *h);

struct hb_owner {
	long pid;      /* 0: not found */
	char comm[16]; /* TASK_COMM_LEN */
};

/*
 * The first process under proc_root ("/proc", or a fixture) holding the
 * link link_id, else the program prog_id (either may be 0). Returns 0 with
 * o filled, or -ENOENT with o->pid 0.
 */
int hb_owner_find(const char *proc_root, uint32_t prog_id, uint32_t link_id, struct hb_owner *o);

/* Process pid under proc_root: o->comm "?" when it cannot be read. */
void hb_owner_of(const char *proc_root, long pid, struct hb_owner *o);

#endif
