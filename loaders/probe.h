/* SPDX-License-Identifier: GPL-2.0-only */
/* Can this kernel run a hook? */
#ifndef HB_PROBE_H
#define HB_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "hooks.h"
#include "kconfig.h"

struct btf;
struct hb_session;
struct hb_session_opts;

/* What the probes read once per process. */
struct hb_probe_env {
	struct hb_kconfig kconfig; /* empty when the config cannot be read */
	struct btf *btf;           /* NULL when BTF cannot be read */
	const char *btf_path;      /* NULL: the kernel's own */
	char lockdown[64];         /* the lockdown mode (lockdown.h) */
};

struct hb_support {
	bool supported;
	char reason[512]; /* why not, when !supported */
	char target[128]; /* what gets attached: "syscalls:sys_enter_unlinkat", "do_unlinkat" */
	unsigned long offset; /* kprobe_offset: where inside target, found by loading */
};

/* Never fails: what cannot be read is left empty and shows up in reasons. */
void hb_probe_env_init(struct hb_probe_env *env, const char *btf_path);
void hb_probe_env_free(struct hb_probe_env *env);

/*
 * Decide from the kernel's interfaces, config, kallsyms and BTF, without
 * loading anything, whether hook with payload can run here, and on what.
 */
void hb_probe_hook(const struct hb_probe_env *env, const struct hb_hook *hook,
		   enum hb_payload payload, struct hb_support *out);

/*
 * For a hook hb_probe_hook() found possible: load it (count payload),
 * attach it and detach it once; a row with at_offset gets its offset in
 * sup->offset this way. Some refusals (fentry on a kernel without
 * trampolines, kprobe_multi without fprobe) only show this way. On failure
 * the hook becomes unsupported with the kernel's answer as the reason.
 */
void hb_probe_hook_by_loading(const struct hb_probe_env *env, const struct hb_hook *hook,
			      struct hb_support *sup);

/*
 * Open so's hook and attach it; a row at an offset with none in so yet gets
 * it found into sup->offset. so must carry a verifier_line buffer: it holds
 * the verifier's last line when that refused the program. Returns 0 with *s
 * attached, or -errno with *s NULL and reason in the kernel's words
 * (hb_refusal_reason(): the failure, the verifier's line, lockdown).
 */
int hb_probe_attach(const struct hb_probe_env *env, const struct hb_session_opts *so,
		    struct hb_support *sup, struct hb_session **s, char *reason, size_t len);

#endif
