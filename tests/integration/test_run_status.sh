#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench run's exit status: 0 when every row is ok or unsupported, 3 when
# a row is mismatch or error (results still written). The mismatch is forced
# with HOOKBENCH_TEST_FORCE_MISMATCH, a setting for tests only.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_bpf
# kprobe is unsupported on kernels without kprobes: such a row must not fail the run.
RUN=(run --hooks tracepoint,kprobe --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1)

# statuses DIR: the status column of DIR/summary.csv, one per line.
statuses() {
	python3 -c 'import csv, sys; [print(r["status"]) for r in csv.DictReader(open(sys.argv[1]))]' \
		"$1/summary.csv"
}

leak_check_begin
"$HB" "${RUN[@]}" --out "$WORK/clean" >"$WORK/clean.out" 2>"$WORK/clean.err"
rc=$?
check "a clean run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/clean.err"
check "its rows are ok or unsupported ($(statuses "$WORK/clean" | sort -u | tr '\n' ' '))" \
	bash -c "[ -n \"\$1\" ] && ! grep -qvxE 'ok|unsupported' <<<\"\$1\"" _ "$(statuses "$WORK/clean")"

HOOKBENCH_TEST_FORCE_MISMATCH=1 "$HB" "${RUN[@]}" --out "$WORK/forced" >"$WORK/forced.out" 2>"$WORK/forced.err"
rc=$?
check "a run that ends with a mismatch row exits 3 (got $rc)" [ $rc -eq 3 ]
check "its results are written all the same, in DIR" \
	bash -c "[ -s '$WORK/forced/summary.csv' ] && [ -s '$WORK/forced/meta.json' ] && [ ! -e '$WORK/forced.partial' ]"
check "the last line on stdout says where they are" \
	[ "$(tail -n 1 "$WORK/forced.out")" = "results: $WORK/forced" ]
check "the tracepoint row is a mismatch that says it was forced" \
	grep -q '^tracepoint,count,enoent,1,mismatch,forced by HOOKBENCH_TEST_FORCE_MISMATCH' "$WORK/forced/summary.csv"
n=$(statuses "$WORK/forced" | grep -c mismatch)
rows=$(statuses "$WORK/forced" | wc -l) # tracepoint, kprobe and the none control
check "stderr counts the rows that made it 3" grep -q "^hookbench: $n of $rows rows are 'mismatch', 'error' or 'contaminated'" "$WORK/forced.err"

HOOKBENCH_TEST_FORCE_MISMATCH=0 "$HB" "${RUN[@]}" --out "$WORK/zero" >/dev/null 2>"$WORK/zero.err"
rc=$?
check "HOOKBENCH_TEST_FORCE_MISMATCH=0 forces nothing (exit $rc)" [ $rc -eq 0 ]
leak_check_end "hookbench run, clean and with a forced mismatch"
done_testing
