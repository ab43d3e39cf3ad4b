#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench hyperfine: whole commands timed, the estimate written next to
# the paired one; a loader this kernel cannot run is marked, not faked.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_root
command -v hyperfine >/dev/null 2>&1 || skip_all "hyperfine is not installed"

mkdir "$WORK/dir"
leak_check_begin
"$HB" hyperfine "$WORK/dir" --iterations 20000 --rounds 6 --runs 2 --warmup 1 >"$WORK/out" 2>"$WORK/err"
rc=$?
check "hookbench hyperfine exits 0 (got $rc)" [ $rc -eq 0 ]
check "hyperfine's own export of each of the 6 rounds is kept" \
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["rounds"]; sys.exit(not (len(r) == 6 and all(x["results"] for x in r)))' "$WORK/dir/hyperfine.json"
check "odd rounds run the commands in reverse order" \
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["rounds"]; sys.exit(r[0]["results"][0]["command"] != r[1]["results"][-1]["command"])' "$WORK/dir/hyperfine.json"
check "every round kept without a paired run to hold the bare command to" \
	python3 -c 'import json, sys; k = json.load(open(sys.argv[1]))["kept"]; sys.exit(k != [True] * 6)' "$WORK/dir/hyperfine.json"
check "each loader command's own load, attach and detach, timed, under its whole time" \
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); o = d["loader_outside_s"]["tp-loader storm"]; sys.exit(not (len(o) == 6 and all(0 < x < 5 for x in o)))' "$WORK/dir/hyperfine.json"
check "the estimate is the median of the rounds' estimates, the loader's own time out, the interval their range" \
	python3 "$(dirname "$0")/check_hyperfine.py" "$WORK/dir/hyperfine.json" "$WORK/dir/hyperfine.csv"
check "progress names each round" grep -q 'round 6 (6 of 6 kept)' "$WORK/err"
check "no loader timing file is left behind" bash -c "! ls -A '$WORK/dir' | grep -q timing"
check "no scratch file is left in the directory" [ -z "$(ls -A "$WORK/dir" | grep -v -x -e hyperfine.json -e hyperfine.csv)" ]
check "hyperfine.csv has its header" grep -q '^loader,hook,status,iterations,runs,loader_cmd_s,loader_true_s,bare_cmd_s,bare_true_s,ns_per_op,ci95_low_ns,ci95_high_ns,paired_ns,paired_ci95_low_ns,paired_ci95_high_ns,agree,rounds,loader_outside_s,bare_ns_per_op,state_ns_per_op,rounds_kept,rounds_slower,paired_between_low_ns,paired_between_high_ns,clock$' "$WORK/dir/hyperfine.csv"
check "the tp-loader row is ok with an estimate and its interval" \
	grep -qE '^tp-loader,tracepoint,ok,20000,12,([0-9.]+,){4}-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,' "$WORK/dir/hyperfine.csv"
if [ -e /sys/bus/event_source/devices/kprobe/type ]; then
	check "the kprobe-loader row is ok here" grep -q '^kprobe-loader,kprobe,ok,' "$WORK/dir/hyperfine.csv"
else
	check "the kprobe-loader row says unsupported, with no figures" grep -qx 'kprobe-loader,kprobe,unsupported,20000,12,,,,,,,,,,,,6,,,,,,,,cpu' "$WORK/dir/hyperfine.csv"
fi
"$HB" hyperfine "$WORK/dir" --runs 10 >/dev/null 2>"$WORK/err2"
check "a second run refuses to overwrite" grep -q 'refusing to overwrite' "$WORK/err2"
mkdir "$WORK/dir2"
"$HB" hyperfine "$WORK/dir2" --rounds 6 --runs 1 >/dev/null 2>"$WORK/err3"
check "fewer than 10 runs per command is refused" grep -q "invalid --runs '1' with --rounds '6'.*fewer than 10" "$WORK/err3"
"$HB" hyperfine "$WORK/dir2" --rounds 5 >/dev/null 2>"$WORK/err4"
check "fewer rounds than a 95% interval needs is refused" grep -q "invalid --rounds '5'" "$WORK/err4"
check "a refused run writes nothing" [ -z "$(ls -A "$WORK/dir2")" ]
leak_check_end "hyperfine"
done_testing
