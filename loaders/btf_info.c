// SPDX-License-Identifier: GPL-2.0-only
#include "btf_info.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "open_regular.h"

#define KERNEL_BTF "/sys/kernel/btf/vmlinux"

const char *hb_btf_path(const char *path)
{
	return path && *path ? path : KERNEL_BTF;
}

bool hb_btf_available(const char *path)
{
	int fd = hb_open_regular(hb_btf_path(path), NULL, 0);

	if (fd < 0) {
		errno = -fd;
		return false;
	}
	close(fd);
	return true;
}

int hb_btf_load(const char *path, struct btf **out)
{
	struct btf *btf;

	if (!hb_btf_available(path))
		return -errno;
	btf = btf__parse(hb_btf_path(path), NULL);
	if (!btf)
		return errno ? -errno : -EINVAL;
	*out = btf;
	return 0;
}

bool hb_btf_func_arg_is_struct_ptr(const struct btf *btf, const char *func,
				   unsigned argno, const char *struct_name)
{
	const struct btf_param *params;
	const struct btf_type *t;
	__s32 id;

	id = btf__find_by_name_kind(btf, func, BTF_KIND_FUNC);
	if (id < 0)
		return false;
	t = btf__type_by_id(btf, btf__type_by_id(btf, id)->type);
	if (!t || !btf_is_func_proto(t) || btf_vlen(t) <= argno)
		return false;
	params = btf_params(t);
	t = btf__type_by_id(btf, params[argno].type);
	if (!t || !btf_is_ptr(t))
		return false;
	t = btf__type_by_id(btf, t->type);
	while (t && (btf_is_const(t) || btf_is_volatile(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	return t && btf_is_struct(t) &&
	       strcmp(btf__name_by_offset(btf, t->name_off), struct_name) == 0;
}

/* Type id of member name inside composite type id, looking through anonymous members. */
static __s32 find_member(const struct btf *btf, __u32 id, const char *name, size_t len)
{
	const struct btf_member *m;
	const struct btf_type *t;
	__s32 rid = btf__resolve_type(btf, id);

	t = rid < 0 ? NULL : btf__type_by_id(btf, (__u32)rid);
	if (!t || !btf_is_composite(t))
		return -ENOENT;
	m = btf_members(t);
	for (unsigned i = 0; i < btf_vlen(t); i++, m++) {
		const char *mname = btf__name_by_offset(btf, m->name_off);

		if (mname && *mname) {
			if (strlen(mname) == len && strncmp(mname, name, len) == 0)
				return (__s32)m->type;
		} else {
			__s32 inner = find_member(btf, m->type, name, len);

			if (inner >= 0)
				return inner;
		}
	}
	return -ENOENT;
}

bool hb_btf_has_member_path(const struct btf *btf, const char *sname,
			    const char *path)
{
	__s32 id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);

	while (id >= 0 && *path) {
		const char *dot = strchr(path, '.');
		size_t len = dot ? (size_t)(dot - path) : strlen(path);

		id = find_member(btf, (__u32)id, path, len);
		path += len + (dot ? 1 : 0);
	}
	return id >= 0;
}
