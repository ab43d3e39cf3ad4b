// SPDX-License-Identifier: GPL-2.0-only
/* The hook table: every row complete, its kind able to do what the row asks, its program there. */
#include <string.h>

#include "family.h"
#include "hooks.h"
#include "kinds/kind.h"
#include "securityfs.h"
#include "tap.h"

static bool kind_complete(const struct hb_attach_ops *ops)
{
	return ops && ops->name && *ops->name && ops->probe && ops->attach &&
	       (!ops->flavour != !ops->flavour_of);
}

static bool program_exists(const struct hb_hook *h)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct hb_skel skel;
	bool found;

	if (hb_family_open(h->family, &opts, &skel))
		return false;
	found = bpf_object__find_program_by_name(skel.obj, h->prog) != NULL;
	hb_family_close(&skel);
	return found;
}

/* Where the cost lands: from the table (list) and from summary.csv's attach_point (report). */
static void cost_lands(void)
{
	static const struct { const char *hook, *attach_point; enum hb_cost_lands want; } cases[] = {
		{ "tracepoint", "syscalls:sys_enter_unlinkat", HB_COST_SLOW_PATH },
		{ "tracepoint_exit", "syscalls:sys_exit_unlinkat", HB_COST_SLOW_PATH },
		{ "raw_tp", "sys_enter", HB_COST_EVERY_SYSCALL },
		{ "tp_btf", "sys_enter", HB_COST_EVERY_SYSCALL },
		{ "kprobe", "do_unlinkat", HB_COST_THIS_CALL },
		{ "kprobe_offset", "do_unlinkat+0x9", HB_COST_THIS_CALL },
		{ "kretprobe", "filename_unlinkat", HB_COST_THIS_CALL },
		{ "kprobe_multi", "do_unlinkat", HB_COST_THIS_CALL },
		{ "fentry", "do_unlinkat", HB_COST_THIS_CALL },
		{ "fexit", "do_unlinkat", HB_COST_THIS_CALL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct hb_hook *h = hb_hook_find(cases[i].hook);

		TAP_OK(h && hb_hook_cost_lands(h) == cases[i].want &&
		       hb_cost_lands_of_attach_point(cases[i].attach_point) == cases[i].want,
		       "%s: its cost lands on %s, from the table and from %s", cases[i].hook,
		       hb_cost_lands_name(cases[i].want), cases[i].attach_point);
	}
	TAP_OK(hb_cost_lands_of_attach_point("raw_syscalls:sys_exit") == HB_COST_EVERY_SYSCALL &&
	       hb_cost_lands_of_attach_point("") == HB_COST_THIS_CALL,
	       "a category-qualified raw tracepoint is every syscall; no attach point, a function");
}

/* The hooks below the syscall: a fixed function each, and no event on a failed lookup. */
static void deep_hooks(void)
{
	static const struct {
		const char *name, *function, *kind;
		int dentry_arg;
	} want[] = {
		{ "lsm", "bpf_lsm_path_unlink", "lsm", 2 },
		{ "kprobe_security", "security_path_unlink", "kprobe", 2 },
		{ "fentry_security", "security_path_unlink", "tracing", 2 },
		{ "kprobe_vfs", "vfs_unlink", "kprobe", 3 },
		{ "fentry_vfs", "vfs_unlink", "tracing", 3 },
		{ "fmod_ret", "security_path_unlink", "tracing", 2 },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct hb_hook *h = hb_hook_find(want[i].name);

		TAP_OK(h && h->function && !strcmp(h->function, want[i].function) &&
		       !strcmp(hb_hook_kind(h), want[i].kind) && h->dentry_arg == want[i].dentry_arg &&
		       h->removes_only && !h->filename_arg && !h->function_entry &&
		       hb_hook_cost_lands(h) == HB_COST_THIS_CALL,
		       "%s: %s on %s, dentry argument %d, fires only on a removal, this call only",
		       want[i].name, want[i].kind, want[i].function, want[i].dentry_arg);
	}
	for (size_t i = 0; i < hb_nhooks; i++)
		if (!hb_hooks[i].function)
			TAP_OK(!hb_hooks[i].removes_only && !hb_hooks[i].dentry_arg,
			       "%s: on the syscall or its function, it fires on a failed lookup too",
			       hb_hooks[i].name);
	TAP_OK(!strcmp(hb_payload_names[HB_PAYLOAD_DENY], "deny") && HB_PAYLOAD_DENY == HB_PAYLOAD_MAX - 1,
	       "deny is the last payload");
}

/* The active LSM list of securityfs's "lsm" file. */
static void lsm_list(void)
{
	TAP_OK(hb_lsm_list_has("lockdown,capability,landlock,bpf", "bpf") &&
	       hb_lsm_list_has("bpf,landlock\n", "bpf") && hb_lsm_list_has("capability,bpf\n", "bpf"),
	       "bpf found first, last, before a newline");
	TAP_OK(!hb_lsm_list_has("lockdown,capability,landlock", "bpf") &&
	       !hb_lsm_list_has("bpffs,notbpf", "bpf") && !hb_lsm_list_has("", "bpf"),
	       "bpf not found where absent or only part of a name");
}

int main(void)
{
	const char *names[HB_MAX_HOOKS];
	size_t n = hb_hook_names(names);

	TAP_OK(hb_nhooks >= 1 && hb_nhooks <= HB_MAX_HOOKS, "%zu hooks, at most %d", hb_nhooks,
	       HB_MAX_HOOKS);
	TAP_OK(n == hb_nhooks, "hb_hook_names() gives one name per row");
	for (size_t i = 0; i < hb_nhooks; i++) {
		const struct hb_hook *h = &hb_hooks[i];
		bool unique = true;

		for (size_t j = 0; j < i; j++)
			unique &= strcmp(hb_hooks[j].name, h->name) != 0;
		TAP_OK(h->name && *h->name && unique && i < n && names[i] == h->name &&
		       hb_hook_find(h->name) == h, "%s: named once, found by name", h->name);
		TAP_OK(h->family && h->prog && h->stability && *h->stability,
		       "%s: object, program and stability given", h->name);
		TAP_OK(kind_complete(h->ops) && strcmp(hb_hook_kind(h), h->ops->name) == 0,
		       "%s: its kind (%s) probes, attaches and names a flavour", h->name,
		       h->ops ? h->ops->name : "none");
		TAP_OK(!h->at_offset || h->ops->find_offset, "%s: at_offset only on a kind that finds offsets",
		       h->name);
		TAP_OK(program_exists(h), "%s: bpf/%s.bpf.c has %s", h->name, h->family, h->prog);
		TAP_OK(!h->function_entry || (!h->tp_name && !h->retprobe && !h->at_offset),
		       "%s: a function_entry hook is on a function, at its entry", h->name);
	}
	TAP_OK(hb_hook_find("kprobe")->function_entry && hb_hook_find("kprobe_multi")->function_entry &&
	       hb_hook_find("fentry")->function_entry && !hb_hook_find("fexit")->function_entry &&
	       !hb_hook_find("kretprobe")->function_entry,
	       "the reentry experiment's B hooks: kprobe, kprobe_multi, fentry; not on return");
	TAP_OK(hb_hook_find("uprobe") == NULL, "an unknown name finds nothing");
	TAP_OK(hb_hooks[HB_HOOK_TRACEPOINT].ops == hb_hook_find("tracepoint")->ops &&
	       !strcmp(hb_hooks[HB_HOOK_TRACEPOINT].tp_name, "sys_enter_unlinkat"),
	       "HB_HOOK_TRACEPOINT is the tracepoint on unlinkat (%s)", hb_hooks[HB_HOOK_TRACEPOINT].name);
	TAP_OK(hb_hooks[HB_HOOK_KPROBE].ops == hb_hook_find("kprobe")->ops && !hb_hooks[HB_HOOK_KPROBE].retprobe &&
	       !hb_hooks[HB_HOOK_KPROBE].at_offset, "HB_HOOK_KPROBE is the kprobe at the function's entry (%s)",
	       hb_hooks[HB_HOOK_KPROBE].name);
	deep_hooks();
	lsm_list();
	cost_lands();
	return tap_done();
}
