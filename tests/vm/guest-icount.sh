#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of test_vm_icount.sh: the clocksource, the kernel's counter
# calibration (x86: TSC; arm64: arch_timer), and the loops of
# icount-calibrate (or icount-calibrate-arm64) into $1.
out=$1
cat /sys/devices/system/clocksource/clocksource0/current_clocksource >"$out/clocksource"
dmesg | grep -i -e 'tsc' -e 'arch_timer' >"$out/tsc.txt"
cal=icount-calibrate
command -v $cal >/dev/null 2>&1 || cal=icount-calibrate-arm64
$cal >"$out/calibrate.csv" 2>"$out/counter.txt"
