#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of test_vm_mix.sh: hookbench mix while a 32-bit program makes
# 2000 unlinkat() calls and unlink-storm 1000, into $1.
out=$1
hookbench mix --seconds 3 --out "$out/mix.csv" >"$out/mix.out" 2>"$out/mix.err" &
pid=$!
i=0
while ! grep -q 'counting every syscall' "$out/mix.err" && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
ia32-unlinkat
echo "ia32 $?" >"$out/status"
unlink-storm --iterations 1000 >/dev/null 2>&1
echo "storm $?" >>"$out/status"
wait $pid
echo "mix $?" >>"$out/status"
