// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rows of a user's own object (--object): one set of operations per row,
 * made at run time, since the kind and the missed counter depend on the
 * program. It attaches by its own SEC(), or at --attach-symbol; before
 * anything loads, the built-in kind of the same attach point checks that
 * this kernel has it.
 */
#include <stdio.h>
#include <string.h>

#include "kind.h"
#include "object.h"
#include "tracefs.h"

static bool is_tracepoint(const struct hb_object_prog *p)
{
	return !strncmp(p->section, "tracepoint/", 11) || !strncmp(p->section, "tp/", 3);
}

/* The built-in kind that checks an attach point like p's, and a row saying where; NULL: none. */
static const struct hb_attach_ops *checker(const struct hb_object_prog *p, const char *target,
					   char *category, size_t len, struct hb_hook *as)
{
	memset(as, 0, sizeof(*as));
	as->name = p->prog;
	as->retprobe = p->retprobe;
	as->function = target;
	if (p->kprobe)
		return &hb_kind_kprobe;
	if (p->tracing)
		return &hb_kind_tracing;
	if (!is_tracepoint(p) || !strchr(target, ':'))
		return NULL;
	snprintf(category, len, "%.*s", (int)strcspn(target, ":"), target);
	as->tp_category = category;
	as->tp_name = strchr(target, ':') + 1;
	return &hb_kind_tracepoint;
}

static int probe_object(const struct hb_probe_env *env, const struct hb_hook *hook,
			struct hb_support *sup)
{
	const struct hb_object_prog *p = hook->object;
	const char *slash = strchr(p->section, '/');
	const struct hb_attach_ops *ops;
	char target[sizeof(sup->target)], category[64];
	struct hb_hook as;
	int err;

	if ((p->kprobe || p->tracing) && p->opts->attach_symbol)
		snprintf(target, sizeof(target), "%s", p->opts->attach_symbol);
	else
		snprintf(target, sizeof(target), "%s", slash ? slash + 1 : p->section);
	for (char *c = strchr(target, '/'); is_tracepoint(p) && c; c = strchr(c, '/'))
		*c = ':';
	ops = checker(p, target, category, sizeof(category), &as);
	err = ops ? ops->probe(env, &as, sup) : 0;
	/* Here the kernel has syscall tracepoints: the object names one it lacks. */
	if (err && ops == &hb_kind_tracepoint && hb_tracefs_dir() &&
	    hb_tracefs_has_event("syscalls", "sys_enter_unlinkat"))
		hb_unsupported(sup, "this kernel has no tracepoint %s (%s/events lists those it has)",
			       target, hb_tracefs_dir());
	if (err && (p->kprobe || p->tracing) && !p->opts->attach_symbol &&
	    strstr(sup->reason, "/proc/kallsyms"))
		snprintf(sup->reason + strlen(sup->reason), sizeof(sup->reason) - strlen(sup->reason),
			 "; on a kernel that renamed the function, name it with --attach-symbol");
	snprintf(sup->target, sizeof(sup->target), "%s", target);
	return err;
}

static int attach_object(struct bpf_program *prog, const struct hb_attach_point *at,
			 struct bpf_link **link)
{
	return hb_object_attach(at->hook->object, prog, link);
}

void hb_object_kind_ops(const struct hb_object_prog *p, struct hb_attach_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->name = p->kind;
	ops->probe = probe_object;
	ops->attach = attach_object;
	ops->flavour = "";
	if (p->kprobe) {
		ops->flavour = NULL;
		ops->flavour_of = hb_kind_kprobe.flavour_of; /* its target and retprobe are the row's */
		ops->missed_field = hb_kind_kprobe.missed_field;
	}
	if (!strncmp(p->section, "kprobe.multi", 12) || !strncmp(p->section, "kretprobe.multi", 15))
		ops->missed_field = hb_kind_kprobe_multi.missed_field;
}
