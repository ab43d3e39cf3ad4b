#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM guest (busybox sh), with the output directory as $1: a
# run holding --kprobe-optimization off is killed with SIGKILL, then the
# next run must put the sysctl back and say so. test_vm_recover.sh judges.
. /bin/guest-lib.sh
OUT=$1

if [ ! -e $OPT ]; then
	echo "no $OPT in this kernel" >"$OUT/skip"
	exit 0
fi
cat $OPT >"$OUT/before"
start_opt_off "$OUT/killed" "$OUT/during"
kill -KILL $pid
wait $pid
echo $pid >"$OUT/pid"
cat $OPT >"$OUT/after-kill"
ls /run/hookbench >"$OUT/records" 2>&1
hookbench run --hooks tracepoint --payload count --blocks 12 --ops-per-block 100 --warmup 0 \
	--stats-blocks 1 --out "$OUT/next" >/dev/null 2>"$OUT/next.err"
echo $? >"$OUT/next.status"
cat $OPT >"$OUT/after-next"
ls /run/hookbench >"$OUT/records-after" 2>&1
exit 0
