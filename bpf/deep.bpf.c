// SPDX-License-Identifier: GPL-2.0-only
/*
 * The deep family: hooks below the syscall, reached only when a name is
 * really removed (never on a failed lookup), handed the resolved dentry.
 * Each program's function is fixed by its row (hooks.c); fentry and
 * fmod_ret learn it before load. Written without BPF_PROG()/BPF_KPROBE(),
 * which would read the arguments before the empty check.
 */
#include "payload.bpf.h"

/* path_unlink(const struct path *dir, struct dentry *dentry): the verdict on the call. */
SEC("lsm/path_unlink")
int hb_lsm(__u64 *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)ctx[1], HB_NAME_DENTRY);
}

/* security_path_unlink(const struct path *dir, struct dentry *dentry) */
SEC("kprobe")
int hb_kprobe_security(struct pt_regs *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)PT_REGS_PARM2(ctx), HB_NAME_DENTRY);
}

SEC("fentry")
int hb_fentry_security(__u64 *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)ctx[1], HB_NAME_DENTRY);
}

/* vfs_unlink(struct mnt_idmap *, struct inode *dir, struct dentry *dentry, ...) */
SEC("kprobe")
int hb_kprobe_vfs(struct pt_regs *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)PT_REGS_PARM3(ctx), HB_NAME_DENTRY);
}

SEC("fentry")
int hb_fentry_vfs(__u64 *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)ctx[2], HB_NAME_DENTRY);
}

/* On security_path_unlink: a non-zero return skips it and becomes its result. */
SEC("fmod_ret")
int hb_fmod_ret(__u64 *ctx)
{
	if (hb_payload_is_empty())
		return 0;
	return hb_run_payload((const void *)ctx[1], HB_NAME_DENTRY);
}
