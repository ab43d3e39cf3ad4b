#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The emulated half calibrated against the host: fixtures/results/breakeven
# (host: tracepoint, tracepoint_exit, raw_tp, tp_btf; enoent and other) with
# fixtures/results/guest-6.18 as its vm/ (a real hookbench vm run on
# debian-6.18-cloud with those hooks and the kprobe). The report shows each
# hook's ratio on both sides, the proxy's error, the kprobe's ratio widened
# by it, and how far the guest kernel is from the host's; without a hook
# measured on both sides it says the figure is uncalibrated.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures/results")

cp -r "$FX/breakeven" "$WORK/cal"
cp -r "$FX/guest-6.18" "$WORK/cal/vm"
"$HB" report "$WORK/cal" >/dev/null 2>"$WORK/cal.err"
rc=$?
R=$WORK/cal/report.md
check "report with a calibrating vm/: exit 0 (got $rc)" [ $rc -eq 0 ]
check "the guest kernel's distance from the host's: same major.minor" \
	grep -qxF 'Kernel versions: guest 6.18.15, the host'"'"'s 6.18.44: same major.minor.' "$R"
check "a calibration table: hook, cell, the ratio on each side, the proxy's error" \
	grep -qxF '| hook | cell | on this host (ns) [another run] | in the guest (guest instr.) [another run] | proxy error: host ÷ guest |' "$R"
# tp_btf: 0.77 [0.74, 0.80] on the host, 0.6065 [0.6044, 0.6087] in the guest:
# 0.77 / 0.6065 = 1.27, [0.74 / 0.6087, 0.80 / 0.6044] = [1.22, 1.32].
check "tp_btf's error is its host ratio over its guest ratio, the interval from the far ends" \
	grep -qxF '| tp_btf | count/enoent | 0.77× [0.74, 0.80] | 0.61× [0.60, 0.61] | 1.27× [1.22, 1.32] |' "$R"
check "the mode other rows are shown too" \
	grep -qxF '| raw_tp | count/other | 9.33× [8.40, 10.41] | 1.32× [1.31, 1.33] | 7.05× [6.30, 7.94] |' "$R"
check "the reference is no calibration row (its ratio is 1 by definition)" \
	bash -c "! grep -q '^| tracepoint | count/' <(sed -n '/^\*\*Calibration/,/^Reproduce/p' '$R')"
# The kprobe: 0.7411 [0.7383, 0.7440] in the guest; every enoent error is
# above 1 (lowest low end 1.22), the highest high end raw_tp's 0.85 / 0.6030
# = 1.41: [0.7383 × 1, 0.7440 × 1.41] = [0.74, 1.05].
check "the kprobe's ratio widened by the errors of mode enoent, never narrower than the guest's" \
	grep -qF 'Widened by the proxy'"'"'s error in mode `enoent` (×1.00 to ×1.41 over 3 hooks; the interval never narrower than the guest'"'"'s own), **on this host'"'"'s time the kprobe would cost 0.74× [0.74, 1.05] the `tracepoint`** per `unlinkat()`.' "$R"
check "the decision block gives the guest's ratio with the calibrated interval, the version distance, the verdict" \
	grep -qF -- '- **The kprobe could not run here**; in an emulated Debian guest (guest 6.18.15, the host'"'"'s 6.18.44: same major.minor) it costs 0.74× the `tracepoint` per `unlinkat()` in guest instructions, [0.74, 1.05] once widened by the proxy'"'"'s error on 3 hooks measured here and there: indistinguishable from it; per other syscall it adds 0.6 guest instructions, the `tracepoint` 135.3.' "$R"

# The guest's kprobe and reference alone: nothing to calibrate with.
cp -r "$FX/breakeven" "$WORK/uncal"
mkdir "$WORK/uncal/vm"
cp "$FX/guest-6.18/meta.json" "$FX/guest-6.18/states.csv" "$WORK/uncal/vm/"
awk -F, 'NR == 1 || $1 == "kprobe" || $1 == "tracepoint" || $1 == "none"' "$FX/guest-6.18/summary.csv" \
	>"$WORK/uncal/vm/summary.csv"
"$HB" report "$WORK/uncal" >/dev/null 2>"$WORK/uncal.err"
rc=$?
U=$WORK/uncal/report.md
check "report with a vm/ that shares no hook with the host: exit 0 (got $rc)" [ $rc -eq 0 ]
check "it says no hook was measured on both sides" \
	grep -qxF 'No hook was measured both here and in the guest with a ratio to the same reference.' "$U"
check "the kprobe's guest figure is called uncalibrated, with no claim on host time" \
	bash -c "grep -qF '**Uncalibrated**: no hook with a ratio in mode \`enoent\` was measured both here and in the guest' '$U' && ! grep -q 'on this host.s time the kprobe would cost' '$U'"
check "the decision block says uncalibrated" \
	grep -qF '(uncalibrated: no hook was measured both here and in the guest, so no claim about host time)' "$U"

# A 6.12 guest for a 6.18 host: how far apart.
cp -r "$FX/breakeven" "$WORK/old"
cp -r "$FX/guest" "$WORK/old/vm"
"$HB" report "$WORK/old" >/dev/null 2>&1
check "a 6.12 guest for a 6.18 host: 6 minor versions apart" \
	grep -qxF 'Kernel versions: 6.12 for a 6.18 host: 6 minor versions apart.' "$WORK/old/report.md"

# What the guest's coverage pass and deny proof found, on the page: the rows
# the guest writes (x86_64, compat running there), here the kprobe on
# do_unlinkat and the tracepoint, and lsm's and fmod_ret's proof.
cp -r "$FX/breakeven" "$WORK/seen"
cp -r "$FX/guest-6.18" "$WORK/seen/vm"
{
	echo hook,path,outcome,seen,expected,reason
	for p in unlink unlinkat unlinkat_dir rmdir io_uring_unlinkat io_uring_unlinkat_dir \
		compat_unlink compat_unlinkat compat_unlinkat_dir compat_rmdir; do
		for o in removed enoent; do
			case $p in unlinkat | unlinkat_dir) echo "tracepoint,$p,$o,8,8," ;; *) echo "tracepoint,$p,$o,0,8," ;; esac
			case $p in *_dir | *rmdir) echo "kprobe,$p,$o,0,8," ;; *) echo "kprobe,$p,$o,8,8," ;; esac
		done
	done
} >"$WORK/seen/vm/coverage.csv"
printf '%s\n' hook,can_block,detail 'tracepoint,no,went through' 'kprobe,no,went through' \
	'lsm,yes,EPERM; kept; 3 others removed' 'fmod_ret,yes,EPERM; kept; 3 others removed' >"$WORK/seen/vm/blocking.csv"
"$HB" report "$WORK/seen" >/dev/null 2>&1
check "the kprobe's line says what it sees in the guest, beside the reference" \
	grep -qF 'the `tracepoint` 135.3; there it sees every route, files only (the `tracepoint`: unlinkat(2) only).' "$WORK/seen/report.md"
check "the blocking line names the hooks whose deny stopped a removal in the guest" \
	grep -qxF -- '- **To block** `unlinkat()`, only `lsm` or `fmod_ret` can (their `deny` program stopped a removal in the guest); no hook tried here did.' "$WORK/seen/report.md"
check "the guest's coverage table is in the emulated section" \
	grep -qxF '| kprobe | 8/8 · 8/8 | 8/8 · 8/8 | 0/8 · 0/8 | 0/8 · 0/8 | 8/8 · 8/8 | 0/8 · 0/8 | 8/8 · 8/8 | 8/8 · 8/8 | 0/8 · 0/8 | 0/8 · 0/8 | every route, files only |' "$WORK/seen/report.md"
done_testing
