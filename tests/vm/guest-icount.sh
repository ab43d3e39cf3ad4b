#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of test_vm_icount.sh: the clocksource, the kernel's TSC
# calibration, and the loops of icount-calibrate into $1.
out=$1
cat /sys/devices/system/clocksource/clocksource0/current_clocksource >"$out/clocksource"
dmesg | grep -i 'tsc' >"$out/tsc.txt"
icount-calibrate >"$out/calibrate.csv"
