#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench hyperfine: whole commands timed, the estimate written next to
# the paired one; a loader this kernel cannot run is marked, not faked.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_root
command -v hyperfine >/dev/null 2>&1 || skip_all "hyperfine is not installed"
HB=$BUILD/bench/hookbench

mkdir "$WORK/dir"
leak_check_begin
"$HB" hyperfine "$WORK/dir" --iterations 20000 --runs 10 --warmup 1 >"$WORK/out" 2>"$WORK/err"
rc=$?
check "hookbench hyperfine exits 0 (got $rc)" [ $rc -eq 0 ]
check "hyperfine's own export is kept" grep -q '"results"' "$WORK/dir/hyperfine.json"
check "hyperfine.csv has its header" grep -q '^loader,hook,status,iterations,runs,loader_cmd_s,loader_true_s,bare_cmd_s,bare_true_s,ns_per_op,ci95_low_ns,ci95_high_ns,paired_ns,paired_ci95_low_ns,paired_ci95_high_ns,agree$' "$WORK/dir/hyperfine.csv"
check "the tp-loader row is ok with an estimate and its interval" \
	grep -qE '^tp-loader,tracepoint,ok,20000,10,([0-9.]+,){4}-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,' "$WORK/dir/hyperfine.csv"
if [ -e /sys/bus/event_source/devices/kprobe/type ]; then
	check "the kprobe-loader row is ok here" grep -q '^kprobe-loader,kprobe,ok,' "$WORK/dir/hyperfine.csv"
else
	check "the kprobe-loader row says unsupported, with no figures" grep -qx 'kprobe-loader,kprobe,unsupported,20000,10,,,,,,,,,,,' "$WORK/dir/hyperfine.csv"
fi
"$HB" hyperfine "$WORK/dir" --runs 10 >/dev/null 2>"$WORK/err2"
check "a second run refuses to overwrite" grep -q 'refusing to overwrite' "$WORK/err2"
"$HB" hyperfine "$WORK/dir" --runs 3 >/dev/null 2>"$WORK/err3"
check "fewer than 10 runs is refused" grep -q "invalid --runs '3'" "$WORK/err3"
leak_check_end "hyperfine"
done_testing
