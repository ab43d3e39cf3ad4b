#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# One measurement at a time: while a run holds the lock (/run/hookbench.lock)
# a second run and a loader running a command refuse, naming its PID, unless
# --allow-concurrent, and so does hookbench hyperfine; the lock goes with the
# run, SIGKILL included.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
SMALL=(--hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1)
LONG=(run --hooks tracepoint --blocks 400 --ops-per-block 1000 --warmup 0 --stats-blocks 1)
LOADER=$BUILD/loaders/tp-loader
trap '[ -n "$first" ] && kill -KILL "$first" 2>/dev/null; rm -rf "$WORK"' EXIT

# start_long NAME: a long run in the background; sets first once it measures.
start_long() {
	"$HB" "${LONG[@]}" --out "$WORK/$1" >/dev/null 2>"$WORK/$1.err" &
	first=$!
	for _ in $(seq 300); do
		[ -s "$WORK/$1.partial/runs.csv" ] && break
		sleep 0.1
	done
}

leak_check_begin
start_long first
check "the first run is measuring" [ -s "$WORK/first.partial/runs.csv" ]
"$HB" run "${SMALL[@]}" --out "$WORK/second" >/dev/null 2>"$WORK/second.err"
rc=$?
check "a second run refuses with exit 1 (got $rc)" [ $rc -eq 1 ]
check "naming the first one's PID and command, and --allow-concurrent" \
	grep -q "another measurement is running: PID $first (.*--out $WORK/first).*--allow-concurrent" "$WORK/second.err"
diag "$WORK/second.err"
check "and writing nothing" bash -c "[ ! -e '$WORK/second' ] && [ ! -e '$WORK/second.partial' ]"
"$LOADER" -- true >/dev/null 2>"$WORK/loader.err"
rc=$?
check "tp-loader running a command refuses too (exit $rc), naming the PID" \
	bash -c "[ $rc -eq 1 ] && grep -q 'another measurement is running: PID $first ' '$WORK/loader.err'"
mkdir "$WORK/hf"
"$HB" hyperfine "$WORK/hf" --rounds 6 --runs 2 >/dev/null 2>"$WORK/hf.err"
rc=$?
check "hookbench hyperfine refuses too (exit $rc), naming the PID, writing nothing" \
	bash -c "[ $rc -eq 1 ] && grep -q 'hyperfine: another measurement is running: PID $first ' '$WORK/hf.err' && [ -z \"\$(ls -A '$WORK/hf')\" ]"
diag "$WORK/hf.err"

# The first run's tracepoint comes and goes: foreign to the second one.
"$HB" run "${SMALL[@]}" --allow-concurrent --allow-foreign --out "$WORK/both" >/dev/null 2>"$WORK/both.err"
rc=$?
check "with --allow-concurrent it runs (exit $rc: 0, or 3 when the other's program came mid-run)" \
	bash -c "[ $rc -eq 0 ] || [ $rc -eq 3 ]"
check "meta.json records concurrent_allowed and the holder" \
	"$PYTHON" -c 'import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(0 if m["concurrent_allowed"] is True and m["concurrent_holder"]["pid"] == int(sys.argv[2])
         and "--out" in m["concurrent_holder"]["command"] else 1)' "$WORK/both/meta.json" "$first"
"$HB" report "$WORK/both" >/dev/null 2>&1
check "report.md has the caveat" grep -q "Another measurement ran meanwhile.*PID $first " "$WORK/both/report.md"
kill -INT "$first"
wait "$first"
first=
"$LOADER" -- true >/dev/null 2>"$WORK/after.err"
check "after the run ended the lock is free: tp-loader -- true runs (exit $?)" [ $? -eq 0 ]

start_long killed
kill -KILL "$first"
wait "$first" 2>/dev/null
first=
"$LOADER" -- true >/dev/null 2>"$WORK/killed.err"
rc=$?
check "a run killed with SIGKILL leaves the lock free (exit $rc)" [ $rc -eq 0 ]
leak_check_end "concurrent runs, stopped"
done_testing
