/* SPDX-License-Identifier: GPL-2.0-only */
/* Can this kernel run a hook? Decided before anything is loaded. */
#ifndef HB_PROBE_H
#define HB_PROBE_H

#include <stdbool.h>

#include "hooks.h"
#include "kconfig.h"

struct btf;

/* What the probes read once per process. */
struct hb_probe_env {
	struct hb_kconfig kconfig; /* empty when the config cannot be read */
	struct btf *btf;           /* NULL when BTF cannot be read */
	const char *btf_path;      /* NULL: the kernel's own */
};

struct hb_support {
	bool supported;
	char reason[512]; /* why not, when !supported */
	char target[128]; /* what gets attached: "syscalls:sys_enter_unlinkat", "do_unlinkat" */
};

/* Never fails: what cannot be read is left empty and shows up in reasons. */
void hb_probe_env_init(struct hb_probe_env *env, const char *btf_path);
void hb_probe_env_free(struct hb_probe_env *env);

/* Decide whether hook with payload can run here, and on what target. */
void hb_probe_hook(const struct hb_probe_env *env, const struct hb_hook *hook,
		   enum hb_payload payload, struct hb_support *out);

#endif
