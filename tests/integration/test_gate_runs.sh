#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Two real short runs of tracepoint/count: each writes summary.json equal to
# its summary.csv field by field, and compare --fail-above 1000 lets them
# pass (exit 0), gating the tracepoint row. No check depends on a timing.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
SHORT=(--hooks tracepoint --payload count --blocks 12 --ops-per-block 200)

leak_check_begin
for run in base new; do
	"$HB" run "${SHORT[@]}" --out "$WORK/$run" >/dev/null 2>"$WORK/$run.err"
	rc=$?
	check "run $run: exit 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || diag "$WORK/$run.err"
	CHECK_DIAG=$WORK/json.err check "run $run: summary.json holds summary.csv's rows field by field, typed" \
		bash -c "'$PYTHON' '$(dirname "$0")/../check_summary_json.py' '$WORK/$run' 2>'$WORK/json.err'"
done
"$HB" compare "$WORK/base" "$WORK/new" --fail-above 1000 >"$WORK/gate.out" 2>"$WORK/gate.err"
rc=$?
check "compare --fail-above 1000 on two equal runs: exit 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/gate.out" "$WORK/gate.err"
check "the tracepoint row is gated on its added cost, and passes" \
	grep -qE '^tracepoint/count/enoent/1t +ns, (between-run|95% CI \((BASE|NEW|both)\)) .* pass: NEW low ' "$WORK/gate.out"
check "the control is listed, not gated" grep -qE '^none/none/enoent/1t +control \(nothing attached\), not gated$' "$WORK/gate.out"
check "the last line says pass for the one row gated" \
	grep -qx "pass: 0 of 1 rows gated grew more than 1000% beyond BASE's interval" "$WORK/gate.out"
leak_check_end "two short runs"
diag "$WORK/gate.out"
done_testing
