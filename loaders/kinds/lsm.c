// SPDX-License-Identifier: GPL-2.0-only
/*
 * BPF LSM: a program on an LSM hook (its SEC("lsm/...") names it), which
 * runs through a trampoline on the hook's bpf_lsm_ function and whose
 * return value is the hook's verdict. The row's function is that bpf_lsm_
 * function.
 */
#include <bpf/btf.h>
#include <stdio.h>
#include <string.h>

#include "kconfig.h"
#include "kind.h"
#include "securityfs.h"

static int probe_lsm(const struct hb_probe_env *env, const struct hb_hook *hook,
		     struct hb_support *sup)
{
	char list[512];
	int err;

	snprintf(sup->target, sizeof(sup->target), "%s", hook->function);
	if (hb_kconfig_disabled(&env->kconfig, "BPF_LSM"))
		return hb_unsupported(sup, "kernel built without CONFIG_BPF_LSM");
	err = hb_securityfs_read("lsm", list, sizeof(list));
	if (err)
		return hb_unsupported(sup, "cannot read the active LSM list (%s/lsm): %s",
				      HB_SECURITYFS_DIR, strerror(-err));
	list[strcspn(list, "\n")] = '\0';
	if (!hb_lsm_list_has(list, "bpf"))
		return hb_unsupported(sup, "the BPF LSM is not active (active: %s; boot with lsm=%s,bpf)",
				      list, list);
	if (!env->btf || btf__find_by_name_kind(env->btf, hook->function, BTF_KIND_FUNC) < 0)
		return hb_unsupported(sup, "%s has no BTF function record (BPF LSM needs one)",
				      hook->function);
	return 0;
}

/* The hook is in the program's SEC("lsm/...") name, resolved at load. */
static int attach_lsm(struct bpf_program *prog, const struct hb_attach_point *at,
		      struct bpf_link **link)
{
	(void)at;
	return hb_attach_result(bpf_program__attach_lsm(prog), link);
}

const struct hb_attach_ops hb_kind_lsm = {
	.name = "lsm",
	.probe = probe_lsm,
	.attach = attach_lsm,
	.flavour = "trampoline",
};
