#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The `benchmark` test: a short `hookbench run`, then its output validated.
# Figures are printed for people; no check depends on a timing.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
HOOKS=tracepoint,kprobe PAYLOADS=count,capture MODES=enoent,create
BLOCKS=12 OPS=1000 WARMUP=1 STATS=2

leak_check_begin
"$BUILD/bench/hookbench" run --hooks $HOOKS --payload $PAYLOADS --mode $MODES --blocks $BLOCKS \
	--ops-per-block $OPS --warmup $WARMUP --stats-blocks $STATS --out "$WORK/out" 2>"$WORK/err"
rc=$?
check "hookbench run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
"$PYTHON" "$(dirname "$0")/check_results.py" "$WORK/out" $HOOKS $PAYLOADS $MODES $BLOCKS $OPS \
	$WARMUP $STATS >"$WORK/checks"
grep -E '^(ok|not ok)' "$WORK/checks" | while read -r line; do
	case $line in
	ok*) ok "${line#ok * - }" ;;
	*) not_ok "${line#not ok * - }" ;;
	esac
done
check "every result check passed" grep -q '^1\.\.' "$WORK/checks"
check "no result check failed" bash -c "! grep -q '^not ok' '$WORK/checks'"
leak_check_end "hookbench run"
echo "# summary.csv:"
diag "$WORK/out/summary.csv"
done_testing
