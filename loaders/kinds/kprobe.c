// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kprobes on the kernel function behind unlinkat, or the row's own function,
 * through the perf kprobe PMU (or kprobe_events): at its entry, on return
 * (retprobe), or a few instructions in (at_offset). kprobes/list says how
 * the kernel did it.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kconfig.h"
#include "kind.h"
#include "kprobes_list.h"
#include "session.h"
#include "tracefs.h"

#define KPROBE_PMU "/sys/bus/event_source/devices/kprobe/type"
#define KPROBE_BLACKLIST "/sys/kernel/debug/kprobes/blacklist"
#define MAX_OFFSET 64

static bool interface_present(void)
{
	const char *dir = hb_tracefs_dir();
	char path[256];

	if (access(KPROBE_PMU, R_OK) == 0)
		return true;
	if (!dir)
		return false;
	snprintf(path, sizeof(path), "%s/kprobe_events", dir);
	return access(path, F_OK) == 0;
}

static bool on_blacklist(const char *sym)
{
	FILE *f = fopen(KPROBE_BLACKLIST, "re");
	char line[512], name[256];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %255s", name) == 1 && strcmp(name, sym) == 0;
	fclose(f);
	return found;
}

static int probe_kprobe(const struct hb_probe_env *env, const struct hb_hook *hook,
			struct hb_support *sup)
{
	const struct hb_kconfig *kc = &env->kconfig;
	int err;

	hb_probe_note_function(hook, sup);
	if (hb_kconfig_disabled(kc, "KPROBES"))
		return hb_unsupported(sup, "kernel built without CONFIG_KPROBES (no kprobe PMU, no kprobe_events)");
	if (hook->retprobe && hb_kconfig_disabled(kc, "KRETPROBES"))
		return hb_unsupported(sup, "kernel built without CONFIG_KRETPROBES");
	if (!interface_present())
		return hb_unsupported(sup, "no kprobe PMU (%s) and no kprobe_events in tracefs", KPROBE_PMU);
	err = hb_probe_function(hook, sup);
	if (err)
		return err;
	if (on_blacklist(sup->target))
		return hb_unsupported(sup, "%s is on the kprobe blacklist", sup->target);
	return 0;
}

/*
 * The first instruction boundary past the ftrace call site where a kprobe
 * attaches. The kernel decodes the function and refuses anything that is not
 * a boundary (EILSEQ), so each try is safe; kprobes/list says whether a probe
 * rides ftrace. Without kprobes/list, start past the 5-byte call (and the
 * 4-byte IBT landing pad before it where the kernel has IBT).
 */
static int find_offset(const struct hb_probe_env *env, struct hb_session *s,
		       struct hb_support *sup, char *why, size_t len)
{
	bool list = access(HB_KPROBES_LIST, R_OK) == 0;
	unsigned long off = list ? 1 : hb_kconfig_enabled(&env->kconfig, "X86_KERNEL_IBT") ? 9 : 5;
	char flavour[32];
	int err;

	for (; off <= MAX_OFFSET; off++) {
		hb_session_set_offset(s, off);
		err = hb_session_attach(s, why, len);
		if (err == -EILSEQ || err == -EINVAL)
			continue;
		if (err)
			return err;
		err = hb_session_flavour(s, flavour, sizeof(flavour));
		hb_session_detach(s);
		if (list && !err && strcmp(flavour, "ftrace") == 0)
			continue;
		sup->offset = off;
		return 0;
	}
	snprintf(why, len, "no instruction boundary past the ftrace call site in the first %d bytes of %s takes a kprobe",
		 MAX_OFFSET, sup->target);
	return -ENOENT;
}

static int attach_kprobe(struct bpf_program *prog, const struct hb_attach_point *at,
			 struct bpf_link **link)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .retprobe = at->hook->retprobe, .offset = at->offset);

	return hb_attach_result(bpf_program__attach_kprobe_opts(prog, at->target, &opts), link);
}

/* "ftrace", "optimized", "int3" or "brk", as kprobes/list shows the probe. */
static int kprobe_flavour(const struct hb_attach_point *at, char *buf, size_t len)
{
	struct hb_kprobe_entry e;
	FILE *f;
	int err;

	snprintf(buf, len, "unknown");
	f = fopen(HB_KPROBES_LIST, "re");
	if (!f)
		return -errno;
	err = hb_kprobes_list_find(f, at->target, at->offset, at->hook->retprobe, &e);
	fclose(f);
	if (!err)
		snprintf(buf, len, "%s", hb_kprobe_flavour(&e));
	return err;
}

const struct hb_attach_ops hb_kind_kprobe = {
	.name = "kprobe",
	.probe = probe_kprobe,
	.find_offset = find_offset,
	.attach = attach_kprobe,
	.flavour_of = kprobe_flavour,
	.missed_field = "perf_event.kprobe.missed",
};
