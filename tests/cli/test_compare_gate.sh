#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# compare --fail-above, the CI gate, on fixture results whose figures a
# script scales: equal runs pass, a forced slowdown fails (exit 4), and the
# threshold has its width: a row fails just above it and passes just below.
# The basis of each row (ratio or added cost; between-run or 95% CI), rows
# not gated, --hook, and a hook name with a colon in it.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures/results")

gate() {
	"$HB" compare "$@" >"$WORK/gate.out" 2>"$WORK/gate.err"
	echo $?
}
# edit SRC DST PYTHON: DST, a copy of SRC whose summary.csv rows r (dicts) PYTHON changes.
edit() {
	cp -r "$1" "$2" && python3 - "$2/summary.csv" "$3" <<'PY'
import csv, sys
path, code = sys.argv[1], sys.argv[2]
with open(path, newline="") as f:
    reader = csv.DictReader(f)
    cols, rows = reader.fieldnames, list(reader)


def scale(r, factor, cols):
    for c in cols:
        if r[c]:
            decimals = len(r[c].split(".")[1]) if "." in r[c] else 0
            r[c] = f"{float(r[c]) * factor:.{decimals}f}"


NS = ["overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns", "between_run_low_ns", "between_run_high_ns"]
RATIO = ["ratio_vs_reference", "ratio_between_run_low", "ratio_between_run_high"]
exec(code)
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, cols, lineterminator="\n")
    w.writeheader()
    w.writerows(r for r in rows if r)
PY
}
R=$FX/replicates

rc=$(gate "$R" "$R" --fail-above 20)
check "equal runs pass: exit 0 (got $rc)" [ "$rc" = 0 ]
check "the last line says pass, and of how many rows" \
	grep -qx "pass: 0 of 12 rows gated grew more than 20% beyond BASE's interval" "$WORK/gate.out"
check "the rule is said first" grep -q "^Gate: a row fails when NEW's low end > BASE's high end + 20%" "$WORK/gate.out"
check "a hook with a ratio and its between-run interval is judged on the ratio" \
	grep -qE '^raw_tp/count/enoent/1t +ratio, between-run +0\.6600 \[0\.6200, 0\.7000\] +0\.6600 \[0\.6200, 0\.7000\] +\+0\.0% +pass: NEW low 0\.6200 <= limit 0\.8400$' "$WORK/gate.out"
check "the reference itself (its ratio is 1 by definition) on its added cost, between-run" \
	grep -qE '^tracepoint/count/enoent/1t +ns, between-run +403\.10 \[380\.20, 428\.90\] ' "$WORK/gate.out"
check "the control is listed, not gated" grep -qE '^none/none/enoent/1t +control \(nothing attached\), not gated$' "$WORK/gate.out"
check "an unsupported row is listed, not gated" grep -qE '^kprobe/count/enoent/1t +BASE is unsupported, not gated$' "$WORK/gate.out"
rc=$(gate "$R" "$R" --fail-above 0)
check "equal runs pass even at --fail-above 0 (got $rc)" [ "$rc" = 0 ]

# raw_tp/count 1.5 times slower against the reference: its ratio [0.62, 0.70] becomes [0.93, 1.05].
edit "$R" "$WORK/slow" 'for r in rows:
    if (r["hook"], r["payload"]) == ("raw_tp", "count"):
        scale(r, 1.5, NS + RATIO)'
rc=$(gate "$R" "$WORK/slow" --fail-above 20)
check "a forced slowdown of 50% fails at 20%: exit 4 (got $rc)" [ "$rc" = 4 ]
check "its line: on the ratio, growth +50%, FAIL with both ends" \
	grep -qE '^raw_tp/count/enoent/1t +ratio, between-run +0\.6600 \[0\.6200, 0\.7000\] +0\.9900 \[0\.9300, 1\.0500\] +\+50\.0% +FAIL: NEW low 0\.9300 > limit 0\.8400$' "$WORK/gate.out"
check "the last line says FAIL, how many and which" \
	grep -qx "FAIL: 1 of 12 rows gated grew more than 20% beyond BASE's interval (first: raw_tp/count/enoent/1t)" "$WORK/gate.out"
check "the other rows still pass" [ "$(grep -c ': NEW low .* <= limit' "$WORK/gate.out")" = 11 ]
# NEW's low 0.93 against BASE's high 0.70: the row fails below 32.857% and passes above.
rc=$(gate "$R" "$WORK/slow" --fail-above 32.8)
check "just below the growth it shows (32.86% beyond BASE's high end): --fail-above 32.8 fails (got $rc)" [ "$rc" = 4 ]
rc=$(gate "$R" "$WORK/slow" --fail-above 32.9)
check "just above it: --fail-above 32.9 passes (got $rc)" [ "$rc" = 0 ]
rc=$(gate "$WORK/slow" "$R" --fail-above 0)
check "faster is never a failure: NEW 1.5 times faster passes at 0% (got $rc)" [ "$rc" = 0 ]
rc=$(gate "$R" "$WORK/slow" --fail-above 20 --hook 'fentry*' --hook tp_btf)
check "--hook gates only the hooks it matches: raw_tp left out, pass (got $rc)" [ "$rc" = 0 ]
check "and says raw_tp was not selected" grep -qE '^raw_tp/count/enoent/1t +not selected by --hook, not gated$' "$WORK/gate.out"
rc=$(gate "$R" "$WORK/slow" --fail-above 20 --hook 'raw_*')
check "--hook 'raw_*' gates raw_tp: fail (got $rc)" [ "$rc" = 4 ]
rc=$(gate "$R" "$WORK/slow" --fail-above 20 --hook nosuchhook)
check "--hook matching no row: nothing to gate, exit 2 (got $rc)" [ "$rc" = 2 ]
check "saying so in one line" grep -qx "hookbench: compare: nothing to gate: no row of the hooks --hook selects is ok with an interval in both BASE and NEW" "$WORK/gate.err"

# The reference 1.5 times slower in ns: judged on its between-run interval [380.2, 428.9].
edit "$R" "$WORK/slow-ref" 'for r in rows:
    if (r["hook"], r["payload"]) == ("tracepoint", "count"):
        scale(r, 1.5, NS)'
rc=$(gate "$R" "$WORK/slow-ref" --fail-above 32.9)
check "the reference 50% slower fails at 32.9% on its added cost (570.30 > 428.90 + 32.9%) (got $rc)" [ "$rc" = 4 ]
check "its line says ns, between-run" grep -qE '^tracepoint/count/enoent/1t +ns, between-run .* FAIL: NEW low 570\.30 > limit 570\.01$' "$WORK/gate.out"
rc=$(gate "$R" "$WORK/slow-ref" --fail-above 33)
check "and passes at 33% (got $rc)" [ "$rc" = 0 ]

# Without between-run intervals (one replicate), each run's 95% CI stands in, and the output says so.
rc=$(gate "$FX/base" "$FX/base" --fail-above 5)
check "one-replicate runs, equal: pass (got $rc)" [ "$rc" = 0 ]
check "judged on the 95% CI of both, and a note says why" bash -c \
	"grep -qE '^raw_tp/count/enoent/1t +ns, 95% CI \(both\) ' '$WORK/gate.out' && grep -q '^95% CI (BASE, NEW or both): that run has no between-run interval' '$WORK/gate.out'"
rc=$(gate "$FX/base" "$FX/tripled" --fail-above 180)
check "tripled (low 2.94x, high 1.02x base's estimate) fails at 180% (got $rc)" [ "$rc" = 4 ]
rc=$(gate "$FX/base" "$FX/tripled" --fail-above 190)
check "and passes at 190% (got $rc)" [ "$rc" = 0 ]
edit "$R" "$WORK/no-between" 'for r in rows:
    if (r["hook"], r["payload"]) == ("fentry", "count"):
        for c in ["between_run_low_ns", "between_run_high_ns", "ratio_between_run_low", "ratio_between_run_high"]:
            r[c] = ""'
rc=$(gate "$R" "$WORK/no-between" --fail-above 20)
check "a row without between-run interval in NEW only: its 95% CI there, BASE's between-run (got $rc)" \
	bash -c "[ $rc = 0 ] && grep -qE '^fentry/count/enoent/1t +ns, 95% CI \(NEW\) +121\.90 \[108\.20, 135\.50\] +121\.90 \[117\.00, 126\.80\] ' '$WORK/gate.out'"

# Rows in one run only, and rows not ok in BASE, are listed and never fail the
# gate; a row ok in BASE that NEW could not measure right fails it.
edit "$WORK/slow" "$WORK/changed" 'for i, r in enumerate(rows):
    if (r["hook"], r["payload"]) == ("tp_btf", "empty"):
        rows[i] = None
    elif (r["hook"], r["payload"]) == ("raw_tp", "count"):
        r["status"], r["reason"] = "mismatch", "saw 1 events while detached, expected 0"
    elif (r["hook"], r["payload"]) == ("fentry", "empty"):
        r["payload"] = "capture"'
rc=$(gate "$R" "$WORK/changed" --fail-above 20)
check "a row ok in BASE and mismatch in NEW fails the gate (got $rc)" [ "$rc" = 4 ]
check "a row only in BASE is said" grep -qE '^tp_btf/empty/enoent/1t +only in BASE, not gated$' "$WORK/gate.out"
check "a row only in NEW is said" grep -qE '^fentry/capture/enoent/1t +only in NEW, not gated$' "$WORK/gate.out"
check "the row NEW could not measure says why" \
	grep -qE '^raw_tp/count/enoent/1t +FAIL: NEW is mismatch \(saw 1 events while detached, expected 0\)$' "$WORK/gate.out"
rc=$(gate "$WORK/changed" "$R" --fail-above 20)
check "a row mismatch in BASE and ok in NEW is listed, not gated (got $rc)" \
	bash -c "[ $rc = 0 ] && grep -qE '^raw_tp/count/enoent/1t +BASE is mismatch, not gated$' '$WORK/gate.out'"

# A hook named FILE:NAME (run --object's rows: FILE the object's name without
# .bpf.o) keeps its colon through the gate and summary.json.
rename='for r in rows:
    if r["hook"] == "raw_tp":
        r["hook"] = "prog:handle_unlinkat"'
edit "$R" "$WORK/named" "$rename"
edit "$WORK/slow" "$WORK/named-slow" "$rename"
rc=$(gate "$WORK/named" "$WORK/named-slow" --fail-above 20 --hook 'prog:*')
check "rows named FILE:NAME are matched across runs and selected by --hook 'prog:*': fail (got $rc)" \
	bash -c "[ $rc = 4 ] && grep -qE '^prog:handle_unlinkat/count/enoent/1t +ratio, between-run .* FAIL: ' '$WORK/gate.out' && \
	[ \$(grep -c ': NEW low' '$WORK/gate.out') = 3 ]"
"$HB" merge "$WORK/named" --out "$WORK/named-merged" >/dev/null 2>"$WORK/merge.err"
CHECK_DIAG=$WORK/json.err check "summary.json keeps the colon, and equals summary.csv field by field" bash -c \
	"python3 '$(dirname "$0")/../check_summary_json.py' '$WORK/named-merged' 2>'$WORK/json.err' && \
	grep -q '\"hook\": \"prog:handle_unlinkat\"' '$WORK/named-merged/summary.json'"

# Usage.
rc=$(gate "$R" "$R" --fail-above lots)
check "a --fail-above that is no percentage: exit 2 (got $rc)" \
	bash -c "[ $rc = 2 ] && grep -qx \"hookbench: invalid --fail-above 'lots': must be a percentage in \[0, 10000\]\" '$WORK/gate.err'"
rc=$(gate "$R" "$R" --fail-above 20 --threshold 5)
check "--threshold with --fail-above: exit 2 (got $rc)" [ "$rc" = 2 ]
rc=$(gate "$R" "$R" --hook raw_tp)
check "--hook without --fail-above: exit 2 (got $rc)" [ "$rc" = 2 ]
rc=$(gate "$R" "$WORK/slow")
check "without --fail-above, compare's table and its exit 1 for a significant regression are unchanged (got $rc)" \
	bash -c "[ $rc = 1 ] && grep -qE '^raw_tp/count/enoent/1t .*REGRESSION$' '$WORK/gate.out'"
done_testing
