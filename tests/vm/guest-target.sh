#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM guest (busybox sh), with the output directory as $1.
# A short count run of tracepoint, kprobe and fentry on the kernel's own
# unlinkat function; then the same hooks on a /proc/kallsyms that names
# no candidate, and one that names only a compiler clone: unsupported
# rows with their reasons, never a crash.
OUT=$1
SMALL="--payload count --mode enoent --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 --no-coverage"

uname -r >"$OUT/uname"
grep -E ' [tT] (do_unlinkat|filename_unlinkat)(\.|$)' /proc/kallsyms | cut -d' ' -f3 >"$OUT/unlinkat-symbols"
hookbench run --hooks tracepoint,kprobe,fentry $SMALL --out "$OUT/run" 2>"$OUT/run.err"
echo $? >"$OUT/run.status"

# Stand-ins for /proc/kallsyms, bind-mounted over it for one run each.
grep -vE ' (do_unlinkat|filename_unlinkat)' /proc/kallsyms >/tmp/kallsyms-none
{ grep -vE ' (do_unlinkat|filename_unlinkat)' /proc/kallsyms; echo "ffffffff81000000 t do_unlinkat.isra.0"; } \
	>/tmp/kallsyms-clone
for what in none clone; do
	mount -o bind /tmp/kallsyms-$what /proc/kallsyms
	hookbench run --hooks tracepoint,kprobe,kprobe_multi,fentry $SMALL --out "$OUT/$what" \
		2>"$OUT/$what.err"
	echo $? >"$OUT/$what.status"
	umount /proc/kallsyms
done
exit 0
