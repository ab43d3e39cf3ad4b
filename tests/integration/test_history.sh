#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Earlier runs beside --out (or in --history DIR) widen the between-run
# interval: which runs count as "of this kind", and that --no-history and a
# different ops-per-block leave them out. Each replicate's own load of the
# BPF objects is checked by check_results.py.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
SMALL=(--hooks tracepoint --payload count --no-control --blocks 12 --ops-per-block 500 --warmup 0
	--stats-blocks 1 --replicates 3)

# history DIR: "runs looked_at dir" from DIR/meta.json.
history() {
	"$PYTHON" -c 'import json, sys
h = json.load(open(sys.argv[1] + "/meta.json"))["history"]
print(h["runs"], h["looked_at"], h["dir"])' "$1"
}

leak_check_begin
mkdir -p "$WORK/runs" "$WORK/other"
for i in 1 2 3; do
	"$HB" run "${SMALL[@]}" --out "$WORK/runs/r$i" >/dev/null 2>"$WORK/r$i.err"
	rc=$?
	check "run $i beside the earlier ones exits 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || diag "$WORK/r$i.err"
done
mkdir "$WORK/runs/not-a-run"
check "run 1 had no earlier run: $(history "$WORK/runs/r1")" [ "$(history "$WORK/runs/r1")" = "0 0 $WORK/runs" ]
check "run 2 found run 1: $(history "$WORK/runs/r2")" [ "$(history "$WORK/runs/r2")" = "1 1 $WORK/runs" ]
check "run 3 found runs 1 and 2: $(history "$WORK/runs/r3")" [ "$(history "$WORK/runs/r3")" = "2 2 $WORK/runs" ]

"$HB" report "$WORK/runs/r3" >/dev/null 2>&1
check "run 3's report says its intervals use 2 earlier runs" \
	grep -q "Run-to-run spread from 2 earlier runs" "$WORK/runs/r3/report.md"
"$HB" report "$WORK/runs/r1" >/dev/null 2>&1
check "run 1's report says its intervals come from it alone" \
	grep -q "Between-run intervals from this run alone" "$WORK/runs/r1/report.md"

"$HB" run "${SMALL[@]}" --no-history --out "$WORK/other/none" >/dev/null 2>&1
check "--no-history: no earlier runs used ($(history "$WORK/other/none"))" \
	[ "$(history "$WORK/other/none" | cut -d' ' -f1)" = 0 ]
"$HB" run "${SMALL[@]}" --history "$WORK/runs" --out "$WORK/other/h" >/dev/null 2>&1
check "--history DIR: its 3 runs used, the directory without meta.json not counted ($(history "$WORK/other/h"))" \
	[ "$(history "$WORK/other/h")" = "3 3 $WORK/runs" ]
"$HB" run "${SMALL[@]/500/400}" --history "$WORK/runs" --out "$WORK/other/ops" >/dev/null 2>&1
check "another ops-per-block is another kind of run: none used ($(history "$WORK/other/ops"))" \
	[ "$(history "$WORK/other/ops" | cut -d' ' -f1)" = 0 ]
leak_check_end "runs with and without history"
done_testing
