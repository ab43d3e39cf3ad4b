/* SPDX-License-Identifier: GPL-2.0-only */
/* --set and --set-pid: writing a BPF object's const volatile globals before load. */
#ifndef HB_OBJECT_SET_H
#define HB_OBJECT_SET_H

#include <bpf/libbpf.h>
#include <stddef.h>
#include <sys/types.h>

#include "object.h"

/*
 * Write o's --set values, and tgid into o->set_pid's global, into obj's
 * .rodata (opened, not loaded); tgid < 0 only checks them. A name that is
 * not a .rodata global, or a value that does not fit its type, is -EINVAL
 * or -ERANGE with one line in why.
 */
int hb_object_apply_sets(struct bpf_object *obj, const struct hb_object_opts *o, pid_t tgid,
			 char *why, size_t len);

/*
 * VALUE as size bytes of an integer (little or host endian: the host's),
 * signed or not; "true"/"false" too. 0, or -ERANGE/-EINVAL.
 */
int hb_object_int_value(const char *value, size_t size, bool is_signed, void *out);

#endif
