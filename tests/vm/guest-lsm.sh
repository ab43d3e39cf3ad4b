#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM guest (busybox sh), with the output directory as $1:
# the hooks below the syscall (lsm, kprobe/fentry on security_path_unlink and
# vfs_unlink, fmod_ret) measured in create and enoent mode, the deny payload
# measured on lsm, and `hookbench list` with its can block proof.
# check_lsm.py judges what it leaves.
OUT=$1
SMALL="--blocks 12 --ops-per-block 100 --warmup 0 --stats-blocks 1 --no-coverage"
DEEP="lsm kprobe_security fentry_security kprobe_vfs fentry_vfs fmod_ret"

uname -r >"$OUT/uname"
mkdir -p /tmp/securityfs
mount -t securityfs securityfs /tmp/securityfs 2>/dev/null
cat /tmp/securityfs/lsm >"$OUT/active-lsms" 2>&1
hookbench list --csv >"$OUT/list.csv" 2>"$OUT/list.err"
hookbench list >"$OUT/list.txt" 2>&1
for hook in $DEEP; do
	echo "guest: measuring $hook" >&2
	hookbench run --hooks "$hook" --reference "$hook" --payload count,capture \
		--mode create,enoent $SMALL --out "$OUT/$hook" 2>"$OUT/$hook.err"
	echo $? >"$OUT/$hook.status"
done
hookbench run --hooks lsm --reference lsm --payload deny --mode create $SMALL \
	--out "$OUT/lsm-deny" 2>"$OUT/lsm-deny.err"
echo $? >"$OUT/lsm-deny.status"
echo "guest: checks done" >&2
exit 0
