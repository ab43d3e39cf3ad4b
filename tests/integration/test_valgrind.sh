#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# valgrind --leak-check=full over a loader CLI run and hookbench mix: no
# leak, no invalid read or write (libbpf's known bpf_attr-size reports are
# suppressed, see tests/valgrind.supp), and the counts still exact under it.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_root
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind is not installed"
SUPP=$(dirname "$0")/../valgrind.supp
VG=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
    --error-exitcode=99 --suppressions="$SUPP")

for payload in count ringbuf; do
	"${VG[@]}" "$BUILD/loaders/tp-loader" --payload $payload --json -o "$WORK/$payload.json" -- \
		"$BUILD/workloads/unlink-storm" --iterations 1000 >/dev/null 2>"$WORK/$payload.vg"
	rc=$?
	check "tp-loader --payload $payload under valgrind: exit 0, no error (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || grep -A12 -E 'Invalid|uninitialised|definitely|Syscall param' "$WORK/$payload.vg" | diag
	check "tp-loader --payload $payload: every heap block freed" grep -q 'All heap blocks were freed' "$WORK/$payload.vg"
	check "tp-loader --payload $payload: still exactly 1000 events" grep -q '"events":1000' "$WORK/$payload.json"
done

# hookbench mix: the counter loaded, read per CPU and freed. mix leaves its
# own syscalls out and a quiet CI box may make none in a second, so a
# workload runs beside it.
"$BUILD/workloads/unlink-storm" --duration 60 >/dev/null 2>&1 &
storm=$!
"${VG[@]}" "$HB" mix --seconds 1 --out "$WORK/mix.csv" >/dev/null 2>"$WORK/mix.vg"
rc=$?
kill "$storm" 2>/dev/null
wait "$storm" 2>/dev/null
check "hookbench mix under valgrind: exit 0, no error (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || grep -A12 -E 'Invalid|uninitialised|definitely|Syscall param|^hookbench' "$WORK/mix.vg" | diag
check "hookbench mix: every heap block freed" grep -q 'All heap blocks were freed' "$WORK/mix.vg"
done_testing
