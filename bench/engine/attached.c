// SPDX-License-Identifier: GPL-2.0-only
#include "attached.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ksym.h"
#include "link_info_layout.h"
#include "perf_attached.h"
#include "tracefs.h"

/* Where the addresses of a kprobe_multi link may point: the symbol, or just past its endbr. */
#define ENTRY_SLACK 16

static uint64_t ptr_u64(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Does a program on this kernel function run on the syscall path? */
static bool function_on_path(const char *fn)
{
	static const char *const prefixes[] = {
		"__x64_sys_", "__ia32_sys_", "__x64_compat_sys_", "__ia32_compat_sys_",
		"__arm64_sys_", "__arm64_compat_sys_", "__se_sys_", "__do_sys_",
		"__se_compat_sys_", "__do_compat_sys_",
	};
	static const char *const dispatchers[] = {
		"do_syscall_64", "x64_sys_call", "do_int80_syscall_32", "do_el0_svc",
		"invoke_syscall", "el0_svc_common",
	};
	size_t base = strcspn(fn, "."); /* do_unlinkat.isra.0 is do_unlinkat */

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(fn, prefixes[i], strlen(prefixes[i])))
			return true;
	for (size_t i = 0; i < sizeof(dispatchers) / sizeof(dispatchers[0]); i++)
		if (strlen(dispatchers[i]) == base && !strncmp(fn, dispatchers[i], base))
			return true;
	for (size_t i = 0; i < hb_unlinkat_ncandidates; i++)
		if (strlen(hb_unlinkat_candidates[i]) == base &&
		    !strncmp(fn, hb_unlinkat_candidates[i], base))
			return true;
	return false;
}

static int link_info_of(int fd, struct uapi_link_info *info)
{
	uint32_t len = sizeof(*info);

	return bpf_obj_get_info_by_fd(fd, info, &len) ? -errno : 0;
}

/*
 * Ask again, with a buffer for a name in info. A name longer than the
 * buffer comes cut short (ENOSPC): none of the ones on the path is.
 */
static int link_name(int fd, struct uapi_link_info *info)
{
	int err = link_info_of(fd, info);

	return err == -ENOSPC ? 0 : err;
}

static int raw_tp_attach(int fd, const struct uapi_link_info *first, int prog_type,
			 char *attach, size_t len)
{
	struct uapi_link_info info = { .type = first->type };
	char tp[128] = "";
	int err;

	info.raw_tracepoint.tp_name = ptr_u64(tp);
	info.raw_tracepoint.tp_name_len = sizeof(tp);
	err = link_name(fd, &info);
	if (!err)
		snprintf(attach, len, "%s:%s",
			 prog_type == BPF_PROG_TYPE_TRACING ? "tp_btf" : "raw_tp", tp);
	return err;
}

static int perf_tp_attach(int fd, const struct uapi_link_info *first, const char *events,
			  char *attach, size_t len)
{
	struct uapi_link_info info = { .type = first->type };
	char tp[128] = "";
	int err;

	info.perf_event.type = first->perf_event.type;
	info.perf_event.tracepoint.tp_name = ptr_u64(tp);
	info.perf_event.tracepoint.name_len = sizeof(tp);
	err = link_name(fd, &info);
	/* The kernel gives the event's name only: the group is looked up. */
	if (!err)
		hb_tracepoint_attach(tp, events, attach, len);
	return err;
}

/*
 * Names of the syscall-path functions among addrs (sorted): the first one
 * in first, how many in *n. One pass over /proc/kallsyms.
 */
static int path_functions_at(const uint64_t *addrs, size_t naddrs, char *first, size_t len,
			     size_t *n)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	char line[512], name[128], type;
	unsigned long long sym;

	*n = 0;
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		size_t lo = 0, hi = naddrs;

		if (sscanf(line, "%llx %c %127s", &sym, &type, name) != 3 || (type != 't' && type != 'T') ||
		    !function_on_path(name))
			continue;
		while (lo < hi) { /* the first address at or after the symbol */
			size_t mid = lo + (hi - lo) / 2;

			if (addrs[mid] < sym)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!sym || lo == naddrs || addrs[lo] - sym >= ENTRY_SLACK)
			continue;
		if (!(*n)++)
			snprintf(first, len, "%s", name);
	}
	fclose(f);
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int kprobe_multi_attach(int fd, const struct uapi_link_info *first, char *attach, size_t len)
{
	struct uapi_link_info info = { .type = first->type };
	uint32_t count = first->kprobe_multi.count;
	const char *kind = first->kprobe_multi.flags & UAPI_BPF_F_KPROBE_MULTI_RETURN
				   ? "kretprobe_multi" : "kprobe_multi";
	char name[128];
	uint64_t *addrs;
	size_t n = 0;
	int err;

	snprintf(attach, len, "%s:%" PRIu32 " functions", kind, count);
	if (!count) { /* before Linux 6.6 the count is not told */
		snprintf(attach, len, "%s:?", kind);
		return 0;
	}
	addrs = calloc(count, sizeof(*addrs));
	if (!addrs)
		return -ENOMEM;
	info.kprobe_multi.addrs = ptr_u64(addrs);
	info.kprobe_multi.count = count;
	err = link_info_of(fd, &info);
	if (!err) {
		qsort(addrs, info.kprobe_multi.count, sizeof(*addrs), cmp_u64);
		err = path_functions_at(addrs, info.kprobe_multi.count, name, sizeof(name), &n);
	}
	/* Named by the syscall-path functions among them, when there are some. */
	if (!err && n == 1)
		snprintf(attach, len, "%s:%s", kind, name);
	else if (!err && n > 1)
		snprintf(attach, len, "%s:%s,+%zu more", kind, name, n - 1);
	free(addrs);
	return err;
}

static int perf_kprobe_attach(int fd, const struct uapi_link_info *first, char *attach, size_t len)
{
	struct uapi_link_info info = { .type = first->type };
	const char *kind = first->perf_event.type == UAPI_BPF_PERF_EVENT_KRETPROBE ? "kretprobe"
										   : "kprobe";
	char fn[128] = "";
	size_t n = 0;
	int err;

	info.perf_event.type = first->perf_event.type;
	info.perf_event.kprobe.func_name = ptr_u64(fn);
	info.perf_event.kprobe.name_len = sizeof(fn);
	err = link_name(fd, &info);
	if (!err && !fn[0] && info.perf_event.kprobe.addr) /* attached by address */
		err = path_functions_at(&info.perf_event.kprobe.addr, 1, fn, sizeof(fn), &n);
	if (err)
		return err;
	if (!fn[0])
		snprintf(attach, len, "%s:0x%" PRIx64, kind, (uint64_t)info.perf_event.kprobe.addr);
	else if (info.perf_event.kprobe.offset)
		snprintf(attach, len, "%s:%s+%" PRIu32, kind, fn, info.perf_event.kprobe.offset);
	else
		snprintf(attach, len, "%s:%s", kind, fn);
	return 0;
}

/* The function a tracing link's BTF id names, when it is in vmlinux. */
static int vmlinux_function(uint32_t obj_id, uint32_t type_id, char *fn, size_t len)
{
	struct bpf_btf_info info;
	uint32_t info_len = sizeof(info);
	const struct btf_type *t;
	struct btf *btf = NULL;
	char obj[64] = "";
	int fd, err = 0;

	fd = bpf_btf_get_fd_by_id(obj_id);
	if (fd < 0)
		return -errno;
	memset(&info, 0, sizeof(info));
	info.name = ptr_u64(obj);
	info.name_len = sizeof(obj);
	if (bpf_obj_get_info_by_fd(fd, &info, &info_len))
		err = -errno;
	else if (strcmp(obj, "vmlinux"))
		err = -ENOENT; /* a module's function: not on the syscall path */
	if (!err) {
		btf = btf__load_from_kernel_by_id(obj_id);
		err = btf ? 0 : -errno;
	}
	if (!err) {
		t = btf__type_by_id(btf, type_id);
		if (t)
			snprintf(fn, len, "%s", btf__name_by_offset(btf, t->name_off));
		else
			err = -ENOENT;
	}
	btf__free(btf);
	close(fd);
	return err;
}

static int tracing_attach(const struct uapi_link_info *first, char *attach, size_t len)
{
	const char *kind = libbpf_bpf_attach_type_str(first->tracing.attach_type);
	char fn[128];
	int err;

	switch (first->tracing.attach_type) {
	case BPF_TRACE_FENTRY: kind = "fentry"; break;
	case BPF_TRACE_FEXIT: kind = "fexit"; break;
	case BPF_MODIFY_RETURN: kind = "fmod_ret"; break;
	default: /* LSM, iterators, extensions */
		snprintf(attach, len, "%s", kind ? kind : "tracing");
		return 0;
	}
	err = vmlinux_function(first->tracing.target_obj_id, first->tracing.target_btf_id, fn,
			       sizeof(fn));
	if (err == -ENOENT)
		snprintf(attach, len, "%s:(a module's function)", kind);
	else if (!err)
		snprintf(attach, len, "%s:%s", kind, fn);
	return err == -ENOENT ? 0 : err;
}

/* Where the link's program runs: attach filled; 0 or -errno. */
static int link_attach(int fd, const struct uapi_link_info *info, int prog_type, const char *events,
		       char *attach, size_t len)
{
	const char *type = libbpf_bpf_link_type_str(info->type);

	snprintf(attach, len, "%s", type ? type : "unknown");
	switch (info->type) {
	case BPF_LINK_TYPE_RAW_TRACEPOINT:
		return raw_tp_attach(fd, info, prog_type, attach, len);
	case BPF_LINK_TYPE_TRACING:
		return tracing_attach(info, attach, len);
	case BPF_LINK_TYPE_KPROBE_MULTI:
		return kprobe_multi_attach(fd, info, attach, len);
	case BPF_LINK_TYPE_PERF_EVENT:
		if (info->perf_event.type == UAPI_BPF_PERF_EVENT_TRACEPOINT)
			return perf_tp_attach(fd, info, events, attach, len);
		if (info->perf_event.type == UAPI_BPF_PERF_EVENT_KPROBE ||
		    info->perf_event.type == UAPI_BPF_PERF_EVENT_KRETPROBE)
			return perf_kprobe_attach(fd, info, attach, len);
		return 0; /* before Linux 6.6 the link says no more: the perf event will */
	default:
		return 0;
	}
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

bool hb_attach_on_syscall_path(const char *attach)
{
	static const char *const function_kinds[] = {
		"kprobe:", "kretprobe:", "kprobe_multi:", "kretprobe_multi:", "fentry:", "fexit:",
		"fmod_ret:",
	};
	const char *colon = strchr(attach, ':');
	char fn[128];

	if (!colon)
		return false;
	if (starts(attach, "raw_tp:") || starts(attach, "tp_btf:"))
		return !strcmp(colon + 1, "sys_enter") || !strcmp(colon + 1, "sys_exit");
	if (starts(attach, "tracepoint:"))
		return starts(attach, "tracepoint:syscalls:") ||
		       starts(attach, "tracepoint:raw_syscalls:");
	for (size_t i = 0; i < sizeof(function_kinds) / sizeof(function_kinds[0]); i++) {
		if (!starts(attach, function_kinds[i]))
			continue;
		snprintf(fn, sizeof(fn), "%.*s", (int)strcspn(colon + 1, "+,"), colon + 1);
		return function_on_path(fn);
	}
	return false; /* uprobes, cgroups, networking... */
}

static int prog_info_of(uint32_t id, struct bpf_prog_info *info)
{
	uint32_t len = sizeof(*info);
	int fd, err = 0;

	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return -errno;
	memset(info, 0, sizeof(*info));
	if (bpf_obj_get_info_by_fd(fd, info, &len))
		err = -errno;
	close(fd);
	return err;
}

struct census {
	struct hb_attached *a;
	bool all;         /* every attachment, not only the syscall path's */
	char events[300]; /* tracefs' events directory, "" when not mounted */
};

/* Append the program at attach (by link link_id, or perf event fd of pid) unless it is there already or off the path. */
static int append(struct census *c, const struct bpf_prog_info *prog, uint32_t link_id,
		  long pid, int fd, const char *attach)
{
	struct hb_attached *a = c->a;
	struct hb_attached_prog *p, *grown;
	const char *type = libbpf_bpf_prog_type_str(prog->type);

	if (!c->all && !hb_attach_on_syscall_path(attach))
		return 0;
	/* A perf event of a link, or one that several descriptors share. */
	for (size_t i = 0; i < a->n; i++)
		if (a->progs[i].id == prog->id && !strcmp(a->progs[i].attach, attach))
			return 0;
	grown = realloc(a->progs, (a->n + 1) * sizeof(*a->progs));
	if (!grown)
		return -ENOMEM;
	a->progs = grown;
	p = &a->progs[a->n++];
	p->id = prog->id;
	p->link_id = link_id;
	p->perf_pid = link_id ? 0 : pid;
	p->perf_fd = link_id ? -1 : fd;
	snprintf(p->type, sizeof(p->type), "%s", type ? type : "unknown");
	snprintf(p->name, sizeof(p->name), "%.*s", (int)sizeof(prog->name), prog->name);
	snprintf(p->attach, sizeof(p->attach), "%s", attach);
	return 0;
}

/* The link with this id. A link or program gone meanwhile (-ENOENT) is no error. */
static int visit_link(struct census *c, uint32_t id)
{
	struct bpf_prog_info prog;
	struct uapi_link_info info;
	char attach[192];
	int fd, err;

	fd = bpf_link_get_fd_by_id(id);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	memset(&info, 0, sizeof(info)); /* older kernels refuse bytes they do not know */
	err = link_info_of(fd, &info);
	if (!err)
		err = prog_info_of(info.prog_id, &prog);
	if (!err)
		err = link_attach(fd, &info, (int)prog.type, c->events, attach, sizeof(attach));
	if (!err)
		err = append(c, &prog, id, 0, -1, attach);
	close(fd);
	return err == -ENOENT ? 0 : err;
}

/* A descriptor with a program (a perf event, or a raw tracepoint link seen again). */
static int visit_perf_fd(void *ctx, const struct hb_perf_fd *q)
{
	struct census *c = ctx;
	struct hb_perf_fd named = *q;
	struct bpf_prog_info prog;
	char attach[192];
	size_t n;
	int err;

	err = prog_info_of(q->prog_id, &prog);
	if (err)
		return err == -ENOENT ? 0 : err;
	if ((q->fd_type == BPF_FD_TYPE_KPROBE || q->fd_type == BPF_FD_TYPE_KRETPROBE) &&
	    !q->name[0] && q->addr) { /* attached by address */
		err = path_functions_at(&named.addr, 1, named.name, sizeof(named.name), &n);
		if (err)
			return err;
	}
	if (hb_perf_fd_attach(&named, (int)prog.type, c->events, attach, sizeof(attach)))
		return 0;
	return append(c, &prog, 0, q->pid, q->fd, attach);
}

static int collect(struct hb_attached *a, bool all)
{
	struct census c = { .a = a, .all = all };
	const char *tracefs = hb_tracefs_dir();
	uint32_t id = 0;
	int err = 0;

	a->progs = NULL;
	a->n = 0;
	if (tracefs)
		snprintf(c.events, sizeof(c.events), "%s/events", tracefs);
	while (!err && !bpf_link_get_next_id(id, &id))
		err = visit_link(&c, id);
	if (!err && errno != ENOENT)
		err = -errno;
	if (!err)
		err = hb_perf_fds_each(visit_perf_fd, &c);
	if (err)
		hb_attached_free(a);
	return err;
}

int hb_attached_collect(struct hb_attached *a)
{
	return collect(a, false);
}

int hb_attached_collect_all(struct hb_attached *a)
{
	return collect(a, true);
}

void hb_attached_free(struct hb_attached *a)
{
	free(a->progs);
	a->progs = NULL;
	a->n = 0;
}
