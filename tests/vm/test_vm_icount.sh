#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Under --timing icount one virtual ns is one guest instruction: in a guest,
# loops of known instruction counts advance the TSC (the clocksource) by one
# tick per instruction; and a `--timing icount` run labels its figures
# "guest instructions" in summary.csv, runs.csv, states.csv and meta.json.
# The same in an arm64 guest (qemu-system-aarch64 -M virt, debian-6.12-cloud),
# where the counter is the generic timer's (cntvct_el0, at cntfrq_el0 Hz):
# it advances hz/1e9 ticks, one ns, per instruction.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}
CAL=$BUILD/tests/icount-calibrate
[ -x "$CAL" ] || skip_all "no static icount-calibrate in $BUILD"

"$HB" vm --kernel "$KERNEL" --timing icount --guest-script "$(dirname "$0")/guest-icount.sh" \
	--guest-file "$CAL" --out "$WORK/cal" 2>"$WORK/err"
rc=$?
check "the calibration guest exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
check "the guest's clocksource is tsc" grep -qx tsc "$WORK/cal/clocksource"
# Counts, not timings: -icount makes them exact. The thread's CPU clock
# (read through the TSC) counts its own instructions plus the interrupts
# that land in it; the TSC itself also counts other tasks' instructions, so
# only the loops no kernel thread shared the CPU with (the short ones, best
# of 3) show one tick per instruction.
check "loops advanced the thread CPU clock by at least 1 ns per instruction, 1.00-1.01 at best of 3 (clock reads and ticks on top), and, uninterrupted, the TSC by 1.000 ± 0.001 ticks" \
	"$PYTHON" "$(dirname "$0")/check_icount_calibration.py" "$WORK/cal/calibrate.csv" 2>"$WORK/cal.diag"
diag "$WORK/cal.diag"

"$HB" vm --kernel "$KERNEL" --timing icount --hooks tracepoint --payload count --no-control \
	--blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 0 --out "$WORK/run" 2>"$WORK/err"
rc=$?
check "a --timing icount run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
check "summary.csv, runs.csv and states.csv say unit 'guest instructions'; meta.json too" \
	"$PYTHON" -c '
import csv, json, sys
d = sys.argv[1]
rows = [r for f in ("summary.csv", "runs.csv", "states.csv") for r in csv.DictReader(open(f"{d}/{f}"))]
meta = json.load(open(f"{d}/meta.json"))
ok = rows and all(r["unit"] == "guest instructions" for r in rows)
sys.exit(0 if ok and meta["unit"] == "guest instructions" and meta["icount"] is True else 1)
' "$WORK/run"
check "the guest ran hookbench run --icount" grep -q -- '--icount' "$WORK/run/meta.json"
check "the guest's workload ran on the ext4 scratch, not on the initramfs's tmpfs" \
	"$PYTHON" -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["settings"]["scratch_fs"] != "ext4")' \
	"$WORK/run/meta.json"
# The quiet check read both its files, and found a quiet CPU for most blocks
# (about 1% gave up in earlier 6.12 cloud runs; a check that never finds one
# is broken, however many blocks it counted).
check "under --icount the blocks are timed by the guest's CLOCK_MONOTONIC (clock wall), and every block waited for a quiet CPU, at least 3 in 4 finding one" \
	"$PYTHON" -c '
import json, sys
m = json.load(open(sys.argv[1]))
q = m["quiet_check"]
print(f"#   quiet_check: {q}")
sys.exit(not (m["settings"]["clock"] == "wall" and q["blocks"] >= 24 and q["unreadable"] == []
              and q["gave_up"] <= q["blocks"] / 4))
' "$WORK/run/meta.json"

CAL64=$BUILD/tests/icount-calibrate-arm64
ARM64_KERNEL=debian-6.12-cloud
if [ ! -x "$CAL64" ]; then
	skip "arm64: one virtual ns per instruction" "no icount-calibrate-arm64 (gcc-aarch64-linux-gnu missing)"
elif ! command -v qemu-system-aarch64 >/dev/null 2>&1; then
	skip "arm64: one virtual ns per instruction" "qemu-system-aarch64 is not installed"
elif "$HB" vm --arch arm64 --fetch-only --kernel "$ARM64_KERNEL" >/dev/null 2>"$WORK/fetch64.err"; [ $? -eq 77 ]; then
	skip "arm64: one virtual ns per instruction" "the package archive did not give $ARM64_KERNEL"
else
	"$HB" vm --arch arm64 --kernel "$ARM64_KERNEL" --timing icount \
		--guest-script "$(dirname "$0")/guest-icount.sh" --guest-file "$CAL64" \
		--out "$WORK/cal64" 2>"$WORK/err64"
	rc=$?
	check "arm64: the calibration guest exits 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || diag "$WORK/err64"
	check "arm64: the guest's clocksource is arch_sys_counter" grep -qx arch_sys_counter "$WORK/cal64/clocksource"
	# As on x86: the counter also runs while the loop is not on the CPU, so
	# only the short loops (best of 3) show the unit; the thread's CPU clock
	# (read through the same counter) shows it on every loop.
	check "arm64: uninterrupted loops advance cntvct_el0 by 1.000 ± 0.001 ns (hz/1e9 ticks) per instruction; the thread CPU clock by 1.00-1.01 ns at best of 3" \
		"$PYTHON" "$(dirname "$0")/check_icount_calibration.py" "$WORK/cal64/calibrate.csv" \
		"$WORK/cal64/counter.txt" 2>"$WORK/cal64.diag"
	diag "$WORK/cal64.diag"
fi
done_testing
