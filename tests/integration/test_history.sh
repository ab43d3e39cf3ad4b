#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Earlier runs beside --out (or in --history DIR) give the run-level part of
# the between-run interval, by the amount common/between_run.h says: which
# runs count as "of this kind", and that --no-history and a row's different
# ops-per-block leave them out. Each replicate's own load of the
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

# earlier_runs and the half-width: at least t(2)·sqrt(2·s²) of the three runs' estimates
check "summary.csv: run 1 used no earlier run, run 3 used 2" \
	[ "$(field "$WORK/runs/r1" tracepoint count earlier_runs),$(field "$WORK/runs/r3" tracepoint count earlier_runs)" = 0,2 ]
check "run 3's interval is centred on its estimate and at least t(2)·sqrt(2·s²_runs) wide" "$PYTHON" -c '
import csv, statistics, sys
def row(d):
    return next(r for r in csv.DictReader(open(d + "/summary.csv")) if r["hook"] == "tracepoint")
runs = [float(row(d)["overhead_ns_per_event"]) for d in sys.argv[1:4]]
r3 = row(sys.argv[3])
low, high, est = float(r3["between_run_low_ns"]), float(r3["between_run_high_ns"]), runs[2]
model = 4.302653 * (2 * statistics.variance(runs)) ** 0.5
print("# runs", runs, "interval", low, high, "model half-width at least", round(model, 2))
sys.exit(not (abs((est - low) - (high - est)) <= 0.02 and (high - low) / 2 >= model - 0.02))' \
	"$WORK/runs/r1" "$WORK/runs/r2" "$WORK/runs/r3"

"$HB" report "$WORK/runs/r3" >/dev/null 2>&1
check "run 3's report says its intervals use 2 earlier runs" \
	grep -qF 'The "another run" intervals include the run-to-run spread of 2 earlier runs like this one.' "$WORK/runs/r3/report.md"
"$HB" report "$WORK/runs/r1" >/dev/null 2>&1
check "run 1's report says its intervals come from it alone" \
	grep -qF 'The "another run" intervals come from this run'"'"'s replicates alone: no earlier runs like this one were found' "$WORK/runs/r1/report.md"

"$HB" run "${SMALL[@]}" --no-history --out "$WORK/other/none" >/dev/null 2>&1
check "--no-history: no earlier runs used ($(history "$WORK/other/none"))" \
	[ "$(history "$WORK/other/none" | cut -d' ' -f1)" = 0 ]
"$HB" run "${SMALL[@]}" --history "$WORK/runs" --out "$WORK/other/h" >/dev/null 2>&1
check "--history DIR: its 3 runs used, the directory without meta.json not counted ($(history "$WORK/other/h"))" \
	[ "$(history "$WORK/other/h")" = "3 3 $WORK/runs" ]
"$HB" run "${SMALL[@]/500/400}" --history "$WORK/runs" --out "$WORK/other/ops" >/dev/null 2>&1
check "another ops-per-block is another estimate: the row uses no earlier run ($(field "$WORK/other/ops" tracepoint count earlier_runs))" \
	[ "$(field "$WORK/other/ops" tracepoint count earlier_runs)" = 0 ]
leak_check_end "runs with and without history"
done_testing
