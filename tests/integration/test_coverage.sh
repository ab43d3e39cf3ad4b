#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The coverage experiment on this host's tracepoint family: every row's count
# is the kernel's known answer. sys_enter/sys_exit_unlinkat fire for
# unlinkat(2) alone (x86's syscall tracepoints ignore compat calls); raw_tp and
# tp_btf filter on the native number, so they see the same. A path this
# kernel cannot make (io_uring off, no IA32 emulation) is a row with a reason.
# Then: a plain run writes coverage.csv; SIGINT leaves nothing attached.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
CALLS=5
HOOKS=tracepoint,tracepoint_exit,raw_tp,tp_btf
PATHS="unlink unlinkat unlinkat_dir rmdir io_uring_unlinkat io_uring_unlinkat_dir
	compat_unlink compat_unlinkat compat_unlinkat_dir compat_rmdir"

# The syscall tracepoints and the raw ones filtered on unlinkat's number see unlinkat(2) only.
truth() {
	case $1 in
	unlinkat | unlinkat_dir) echo "$CALLS" ;;
	*) echo 0 ;;
	esac
}

leak_check_begin
"$HB" run --experiment coverage --hooks "$HOOKS" --coverage-calls "$CALLS" --out "$WORK/cov" \
	>"$WORK/cov.out" 2>"$WORK/cov.err"
rc=$?
check "hookbench run --experiment coverage --hooks $HOOKS exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/cov.err"
CSV=$WORK/cov/coverage.csv
check "coverage.csv has its header" [ "$(head -n 1 "$CSV")" = hook,path,outcome,seen,expected,reason ]
check "one row per hook x path x outcome: 4 x 10 x 2" [ "$(tail -n +2 "$CSV" | wc -l)" -eq 80 ]
check "meta.json: the experiment, no hook left out" "$PYTHON" -c 'import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(not (m["settings"]["experiment"] == "coverage" and m["coverage_not_run"] == {}))' \
	"$WORK/cov/meta.json"
for hook in ${HOOKS//,/ }; do
	for path in $PATHS; do
		for outcome in removed enoent; do
			row=$(awk -F, -v h="$hook" -v p="$path" -v o="$outcome" \
				'$1 == h && $2 == p && $3 == o { print $4 "," $5 "," $6 }' "$CSV")
			what="$hook sees $path ($outcome)"
			case $row in
			,,?*)
				case $path in
				# A capability the kernel lacks is a skip; any other reason is ours.
				io_uring_* | compat_*)
					if grep -qE 'no io_uring|io_uring is disabled|runs no 32-bit calls' <<<"$row"; then
						skip "$what" "${row#,,}"
					else
						not_ok "$what: not made (${row#,,})"
					fi ;;
				*) not_ok "$what: not made (${row#,,})" ;;
				esac ;;
			*) check "$what $(truth "$path") of $CALLS times (seen,expected: ${row%,})" \
				[ "$row" = "$(truth "$path"),$CALLS," ] ;;
			esac
		done
	done
done
check "stdout has the table" grep -qE '^tracepoint +unlinkat +5/5 +5/5' "$WORK/cov.out"

"$HB" run --experiment coverage --coverage-calls 1 --out "$WORK/all" >/dev/null 2>"$WORK/all.err"
check "every hook: 20 rows, or none and its reason in meta.json's coverage_not_run" "$PYTHON" -c '
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1] + "/coverage.csv")))
left = json.load(open(sys.argv[1] + "/meta.json"))["coverage_not_run"]
hooks = json.load(open(sys.argv[1] + "/meta.json"))["settings"]["hooks"]
n = {h: sum(r["hook"] == h for r in rows) for h in hooks}
sys.exit(not all((n[h] == 20) != (h in left and left[h] != "") for h in hooks))' "$WORK/all"

"$HB" run --hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 \
	--out "$WORK/run" >/dev/null 2>"$WORK/run.err"
rc=$?
check "a plain run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/run.err"
check "and writes coverage.csv with the tracepoint's 20 rows, unlinkat seen 8 of 8" bash -c \
	'[ "$(tail -n +2 "$1" | cut -d, -f1 | sort -u)" = tracepoint ] &&
	 [ "$(tail -n +2 "$1" | wc -l)" -eq 20 ] && grep -qx "tracepoint,unlinkat,removed,8,8," "$1"' \
	_ "$WORK/run/coverage.csv"
check "and blocking.csv: the tracepoint's deny program did not stop the call" \
	grep -q '^tracepoint,no,.*went through' "$WORK/run/blocking.csv"
"$HB" report "$WORK/run" >/dev/null 2>&1
check "report.md's decision table says what the tracepoint sees and that it cannot block" \
	grep -qE '^\| tracepoint \|.*\| unlinkat\(2\) only[^|]* \| no \|$' "$WORK/run/report.md"
"$HB" run --hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 \
	--no-coverage --out "$WORK/none" >/dev/null 2>&1
check "--no-coverage writes neither coverage.csv nor blocking.csv" \
	bash -c '[ -d "$1" ] && [ ! -e "$1/coverage.csv" ] && [ ! -e "$1/blocking.csv" ]' _ "$WORK/none"

"$HB" run --experiment coverage --hooks "$HOOKS" --coverage-calls 100000 --out "$WORK/int" \
	>/dev/null 2>"$WORK/int.err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
check "SIGINT during the experiment: exit 130 (got $rc)" [ $rc -eq 130 ]
check "and hookbench itself said so (not a death by the signal)" \
	grep -q 'interrupted by signal 2: the experiment stopped, nothing left attached' "$WORK/int.err"
leak_check_end "the experiment, a plain run and SIGINT"
done_testing
