// SPDX-License-Identifier: GPL-2.0-only
#include "probe.h"

#include <bpf/btf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "btf_info.h"
#include "kinds/kind.h"
#include "ksym.h"
#include "lockdown.h"
#include "parse.h"
#include "refusal.h"
#include "session.h"

void hb_probe_env_init(struct hb_probe_env *env, const char *btf_path)
{
	memset(env, 0, sizeof(*env));
	env->btf_path = btf_path;
	hb_kconfig_load_running(&env->kconfig);
	hb_lockdown_read(env->lockdown, sizeof(env->lockdown));
	if (hb_btf_load(btf_path, &env->btf))
		env->btf = NULL;
}

void hb_probe_env_free(struct hb_probe_env *env)
{
	hb_kconfig_free(&env->kconfig);
	btf__free(env->btf);
	env->btf = NULL;
}

int hb_unsupported(struct hb_support *sup, const char *fmt, ...)
{
	va_list ap;

	sup->supported = false;
	va_start(ap, fmt);
	vsnprintf(sup->reason, sizeof(sup->reason), fmt, ap);
	va_end(ap);
	return -EOPNOTSUPP;
}

/* The row's fixed function, or the names the function behind unlinkat has had. */
static void function_candidates(const struct hb_hook *hook, const char *const **names, size_t *n)
{
	if (hook->function) {
		*names = &hook->function;
		*n = 1;
	} else {
		*names = hb_unlinkat_candidates;
		*n = hb_unlinkat_ncandidates;
	}
}

void hb_probe_note_function(const struct hb_hook *hook, struct hb_support *sup)
{
	const char *const *names;
	size_t n;

	function_candidates(hook, &names, &n);
	if (!sup->target[0])
		hb_ksym_resolve_running(names, n, sup->target, sizeof(sup->target));
}

int hb_probe_function(const struct hb_hook *hook, struct hb_support *sup)
{
	const char *const *names;
	char joined[128];
	size_t n;

	if (sup->target[0])
		return 0;
	function_candidates(hook, &names, &n);
	if (hb_ksym_resolve_running(names, n, sup->target, sizeof(sup->target)) == 0)
		return 0;
	if (n == 1)
		return hb_unsupported(sup, "%s is not a kernel text symbol in /proc/kallsyms", names[0]);
	hb_join_choices(names, n, joined, sizeof(joined));
	return hb_unsupported(sup, "none of %s is a kernel text symbol in /proc/kallsyms", joined);
}

void hb_probe_hook(const struct hb_probe_env *env, const struct hb_hook *hook,
		   enum hb_payload payload, struct hb_support *out)
{
	memset(out, 0, sizeof(*out));
	if (hook->ops->probe(env, hook, out))
		return;
	if (payload >= HB_PAYLOAD_CAPTURE && hook->filename_arg &&
	    !(env->btf && hb_btf_func_arg_is_struct_ptr(env->btf, out->target, 1, "filename"))) {
		hb_unsupported(out, "capture needs %s(int, struct filename *) in BTF; this kernel's %s differs",
			       out->target, out->target);
		return;
	}
	if (payload >= HB_PAYLOAD_CAPTURE && hook->dentry_arg &&
	    !(env->btf && hb_btf_func_arg_is_struct_ptr(env->btf, out->target,
							(unsigned)hook->dentry_arg - 1, "dentry"))) {
		hb_unsupported(out, "capture needs argument %d of %s to be a struct dentry * in BTF; "
			       "this kernel's %s differs", hook->dentry_arg, out->target, out->target);
		return;
	}
	out->supported = true;
}

int hb_probe_attach(const struct hb_probe_env *env, const struct hb_session_opts *so,
		    struct hb_support *sup, struct hb_session **s, char *reason, size_t len)
{
	const struct hb_hook *hook = so->hook;
	char why[400], notice[128];
	struct hb_kmsg_mark mark;
	bool log_read;
	int err;

	*s = NULL;
	hb_kmsg_mark(&mark);
	log_read = mark.fd >= 0; /* the notice closes the mark */
	err = hb_session_open(so, s, why, sizeof(why));
	/* find_offset leaves the session detached, at the offset it found. */
	if (!err && hook->at_offset && !so->offset)
		err = hook->ops->find_offset(env, *s, sup, why, sizeof(why));
	if (!err)
		err = hb_session_attach(*s, why, sizeof(why));
	hb_kmsg_lockdown_notice(&mark, notice, sizeof(notice));
	if (err) {
		const struct hb_refusal r = {
			.failure = why, .err = err, .verifier = so->verifier_line,
			.lockdown = env->lockdown[0] ? env->lockdown : NULL, .notice = notice,
			.log_read = log_read,
		};

		hb_session_close(*s);
		*s = NULL;
		hb_refusal_reason(&r, reason, len);
	}
	return err;
}

void hb_probe_hook_by_loading(const struct hb_probe_env *env, const struct hb_hook *hook,
			      struct hb_support *sup)
{
	char verifier[400] = "", reason[sizeof(sup->reason)];
	struct hb_session_opts so = {
		.hook = hook, .payload = HB_PAYLOAD_COUNT, .target = sup->target,
		.tgid = getpid(), .btf_path = env->btf_path, .btf = env->btf,
		.verifier_line = verifier, .verifier_line_len = sizeof(verifier),
	};
	struct hb_session *s = NULL;

	if (!sup->supported)
		return;
	if (hb_probe_attach(env, &so, sup, &s, reason, sizeof(reason)))
		hb_unsupported(sup, "%s", reason);
	hb_session_close(s);
}
