#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM guest (busybox sh), with the output directory as $1:
# the hookbench bundle that test_vm_bundle.sh put into /bin is unpacked in an
# empty folder and its ./run runs a short benchmark, as on any other machine
# (nothing of the guest's own /bin/hookbench is used). test_vm_bundle.sh judges.
OUT=$1
mkdir /tmp/target && cd /tmp/target || exit 1
tar -xzf /bin/hookbench-bundle.tar.gz
ls >"$OUT/unpacked"
run=$(echo ./hookbench-*/run)
$run --check >"$OUT/check.out" 2>"$OUT/check.err"
echo $? >"$OUT/check.status"
$run --results "$OUT/results" -- --hooks tracepoint,kprobe,fentry --payload count \
	--blocks 12 --ops-per-block 500 --warmup 0 --stats-blocks 1 >"$OUT/run.out" 2>"$OUT/run.err"
echo $? >"$OUT/run.status"
uname -n >"$OUT/uname-n"
uname -m >"$OUT/uname-m"
uname -r >"$OUT/uname-r"
exit 0
