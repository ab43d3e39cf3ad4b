/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a kind of hook implements, after libbpf's section_defs[]: each kind
 * is one const struct hb_attach_ops in a file of its own in this directory,
 * and each row of hb_hooks[] points at its kind's. Nothing outside kinds/
 * and the table knows which kinds there are.
 */
#ifndef HB_KIND_H
#define HB_KIND_H

#include <bpf/libbpf.h>
#include <errno.h>
#include <stddef.h>

#include "hooks.h"
#include "probe.h"

struct hb_session;

/* Where one attach goes. */
struct hb_attach_point {
	const struct hb_hook *hook;
	const char *target;   /* what probe put in sup->target */
	unsigned long offset; /* bytes into target (kprobes) */
};

struct hb_attach_ops {
	const char *name; /* the kind, as `hookbench list --csv` prints it */
	/*
	 * Can this kernel run hook, and on what? Checks the kernel's interfaces
	 * and resolves the target into sup->target, loading nothing. Returns 0,
	 * or -errno with the reason in sup (hb_unsupported()).
	 */
	int (*probe)(const struct hb_probe_env *env, const struct hb_hook *hook,
		     struct hb_support *sup);
	/*
	 * Needed by rows with at_offset: attach s at offsets into sup->target
	 * until the kernel takes one, and store it in sup->offset. Returns 0, or
	 * -errno with why.
	 */
	int (*find_offset)(const struct hb_probe_env *env, struct hb_session *s,
			   struct hb_support *sup, char *why, size_t len);
	/* Optional: what the program must know before load. Returns 0, or -errno with why. */
	int (*prepare)(struct bpf_program *prog, const char *target, char *why, size_t len);
	/* Attach the loaded prog where at says. Returns 0 with *link, or -errno. */
	int (*attach)(struct bpf_program *prog, const struct hb_attach_point *at,
		      struct bpf_link **link);
	/* How the kernel implements every hook of this kind ("" when there is nothing to tell)... */
	const char *flavour;
	/*
	 * ...or, when that depends on what the kernel chose at attach time, what
	 * it chose for the hook attached where at says. Returns 0, or -errno
	 * with "unknown" in buf.
	 */
	int (*flavour_of)(const struct hb_attach_point *at, char *buf, size_t len);
	/* Where bpf_link_info keeps these links' missed count; NULL: they have none. */
	const char *missed_field;
};

extern const struct hb_attach_ops hb_kind_tracepoint;
extern const struct hb_attach_ops hb_kind_raw_tp;
extern const struct hb_attach_ops hb_kind_tp_btf;
extern const struct hb_attach_ops hb_kind_kprobe;
extern const struct hb_attach_ops hb_kind_kprobe_multi;
extern const struct hb_attach_ops hb_kind_tracing;
extern const struct hb_attach_ops hb_kind_lsm;

struct hb_object_prog;
/* An --object row's operations (kinds/object.c), made when its row is. */
void hb_object_kind_ops(const struct hb_object_prog *p, struct hb_attach_ops *ops);

/* For probe: mark sup unsupported with the reason. Returns -EOPNOTSUPP. */
int hb_unsupported(struct hb_support *sup, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * For probe of the kinds that hook a kernel function: the row's function
 * (hook->function), or else the function behind unlinkat, from kallsyms
 * into sup->target. Returns 0 or hb_unsupported().
 */
int hb_probe_function(const struct hb_hook *hook, struct hb_support *sup);

/*
 * The same, first thing in probe, without a verdict: rows the kernel's
 * config then rules out still name the symbol the hook would have used.
 */
void hb_probe_note_function(const struct hb_hook *hook, struct hb_support *sup);

/* For attach: libbpf's answer (a link, or NULL with errno set) as 0/-errno. */
static inline int hb_attach_result(struct bpf_link *link, struct bpf_link **out)
{
	if (!link)
		return errno ? -errno : -EINVAL;
	*out = link;
	return 0;
}

#endif
