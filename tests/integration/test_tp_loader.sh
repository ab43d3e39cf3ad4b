#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tp-loader around unlink-storm: exact counts, captured filenames, trace
# streaming, exit statuses, and nothing left attached.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_bpf
LOADER=$BUILD/loaders/tp-loader

"$LOADER" --json -o "$WORK/probe.json" -- true 2>"$WORK/err"
rc=$?
[ $rc -eq 77 ] && skip_all "$(cat "$WORK/err")"

for mode in enoent create; do
	n=$([ $mode = enoent ] && echo 20000 || echo 2000)
	leak_check_begin
	"$LOADER" --json -o "$WORK/$mode.json" -- "$STORM" --mode $mode --iterations $n --json \
		>"$WORK/$mode.storm" 2>"$WORK/err"
	rc=$?
	check "$mode: loader exits with the command's status 0 (got $rc)" [ $rc -eq 0 ]
	events=$(json_num events "$WORK/$mode.json")
	check "$mode: counts exactly $n events (got $events)" [ "$events" = "$n" ]
	check "$mode: run_cnt >= $n from bpf_stats" [ "$(json_num run_cnt "$WORK/$mode.json")" -ge $n ]
	check "$mode: no recursion misses" [ "$(json_num recursion_misses "$WORK/$mode.json")" = 0 ]
	check "$mode: nmissed is null for a tracepoint, with a reason" \
		bash -c "grep -q '\"nmissed\":null' '$WORK/$mode.json' && grep -q 'nmissed_reason\":\"not applicable' '$WORK/$mode.json'"
	check "$mode: the workload saw $n ops too" [ "$(json_num ops "$WORK/$mode.storm")" = "$n" ]
	leak_check_end "$mode"
done

for mode in enoent create; do
	want=$([ $mode = enoent ] && echo hookbench-absent || echo hookbench-file)
	leak_check_begin
	"$LOADER" --payload capture --json -o "$WORK/cap-$mode.json" -- \
		"$STORM" --mode $mode --iterations 500 --json >"$WORK/cap-$mode.storm" 2>"$WORK/err"
	got=$(json_str sample_filename "$WORK/cap-$mode.json")
	check "capture $mode: reads the filename '$want' (got '$got')" [ "$got" = "$want" ]
	check "capture $mode: the sample comes from the workload's process" \
		[ "$(json_num sample_tgid "$WORK/cap-$mode.json")" = "$(json_num pid "$WORK/cap-$mode.storm")" ]
	check "capture $mode: no read errors" [ "$(json_num capture_errors "$WORK/cap-$mode.json")" = 0 ]
	check "capture $mode: still exactly 500 events" [ "$(json_num events "$WORK/cap-$mode.json")" = 500 ]
	leak_check_end "capture $mode"
done

leak_check_begin
"$LOADER" --trace -o "$WORK/trace.txt" -- "$STORM" --mode enoent --iterations 300 \
	>"$WORK/trace.out" 2>"$WORK/err"
lines=$(grep -c 'filename=hookbench-absent$' "$WORK/trace.out")
check "--trace streams one line per event with the filename (300, got $lines)" [ "$lines" = 300 ]
check "--trace lines name the hook and the pid" grep -qE '^tracepoint pid=[0-9]+ tgid=[0-9]+ filename=' "$WORK/trace.out"
check "--trace final counters report every record read, none dropped" bash -c "grep -qE 'ringbuf_records +300' '$WORK/trace.txt' && grep -qE 'ringbuf_drops +0' '$WORK/trace.txt'"
leak_check_end "trace"

leak_check_begin
"$LOADER" --json -o "$WORK/threads.json" -- "$STORM" --threads 2 --iterations 1500 >/dev/null 2>&1
check "two workload threads: counts 3000 events of the one process" \
	[ "$(json_num events "$WORK/threads.json")" = 3000 ]
"$LOADER" -- false >/dev/null 2>&1
check "the loader exits with the command's failure status (1)" [ $? -eq 1 ]
"$LOADER" -- "$WORK/does-not-exist" >/dev/null 2>"$WORK/err"
rc=$?
check "a missing command exits 127 (got $rc)" [ $rc -eq 127 ]
check "and says why in one line" [ "$(wc -l <"$WORK/err")" -eq 1 ]
leak_check_end "exit statuses"

# Without a command: count one process until SIGINT.
leak_check_begin
"$STORM" --duration 3 >/dev/null 2>&1 &
storm=$!
"$LOADER" --pid $storm --json -o "$WORK/pid.json" >/dev/null 2>"$WORK/err" &
loader=$!
wait $storm
sleep 0.2
kill -INT $loader
wait $loader
rc=$?
check "--pid: SIGINT ends the loader cleanly (status $rc)" [ $rc -eq 0 ]
check "--pid: it counted the process's events" [ "$(json_num events "$WORK/pid.json")" -gt 0 ]
leak_check_end "--pid and SIGINT"

done_testing
