/* SPDX-License-Identifier: GPL-2.0-only */
/* Questions answered from the running kernel's BTF. */
#ifndef HB_BTF_INFO_H
#define HB_BTF_INFO_H

#include <stdbool.h>
#include <stddef.h>

struct btf;

/*
 * The BTF to use: path when not NULL, else /sys/kernel/btf/vmlinux.
 * Returns 0 or -errno (-ENOENT when the file does not exist).
 */
int hb_btf_load(const char *path, struct btf **out);

/*
 * True when the file is there and a regular file (a quick check before
 * anything is loaded); false with errno set, EINVAL when not a regular file.
 */
bool hb_btf_available(const char *path);

/* The path hb_btf_load() reads for path (NULL → the kernel's). */
const char *hb_btf_path(const char *path);

/*
 * True when func is a function in btf whose argument number argno (0-based)
 * is a pointer to struct struct_name.
 */
bool hb_btf_func_arg_is_struct_ptr(const struct btf *btf, const char *func,
				   unsigned argno, const char *struct_name);

/*
 * True when struct sname has the dotted member path (anonymous unions and
 * structs are looked through), e.g. "perf_event.kprobe.missed" in
 * bpf_link_info.
 */
bool hb_btf_has_member_path(const struct btf *btf, const char *sname,
			    const char *path);

#endif
