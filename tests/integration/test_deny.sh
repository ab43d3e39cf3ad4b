#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Can a hook block unlinkat()? hookbench list proves it per hook with the deny
# payload: the tracepoint cannot (the marked call goes through and the file
# is removed); each hook below the syscall this host refuses is unsupported
# with the kernel's reason; the deny payload measures like any other, every
# call allowed and counted.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf

# field HOOK COLUMN: one column of list.csv's row for HOOK.
field() {
	"$PYTHON" - "$WORK/list.csv" "$1" "$2" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="")):
    if row["hook"] == sys.argv[2]:
        print(row[sys.argv[3]])
PY
}

leak_check_begin
"$HB" list --csv >"$WORK/list.csv" 2>"$WORK/err"
rc=$?
CHECK_DIAG=$WORK/err check "list --csv exits 0 (got $rc)" [ $rc -eq 0 ]
[ "$(field tracepoint status)" = supported ] || skip_all "this kernel does not run the tracepoint on unlinkat"
check "tracepoint: can block no ($(field tracepoint can_block))" [ "$(field tracepoint can_block)" = no ]
detail=$(field tracepoint block_detail)
check "tracepoint: the marked call went through and the file was removed ($detail)" \
	grep -q 'unlinkat(hookbench-deny-0) went through, the file was removed, though the program refused it; the 3 other names were removed' <<<"$detail"
for hook in lsm kprobe_security fentry_security kprobe_vfs fentry_vfs fmod_ret; do
	status=$(field $hook status)
	reason=$(field $hook reason)
	case $status in
	unsupported)
		check "$hook: unsupported here with the kernel's reason ($reason)" \
			grep -qE 'kernel|CONFIG_|lockdown|verifier|BTF|LSM|kallsyms' <<<"$reason"
		check "$hook: no can block where it does not run" [ -z "$(field $hook can_block)" ] ;;
	supported)
		# Where the kernel runs them, what each kind can do is known (tests/vm/check_coverage.py).
		case $hook in
		lsm | fmod_ret) want='yes' ;;
		fentry_*) want='no' ;; # the verifier refuses a deny program there
		*) want='no' ;;
		esac
		check "$hook: supported, can block $want ($(field $hook can_block): $(field $hook block_detail))" \
			[ "$(field $hook can_block)" = "$want" ] ;;
	*) not_ok "$hook: in list.csv (status '$status')" ;;
	esac
done
"$HB" run --experiment coverage --hooks tracepoint,lsm --coverage-calls 1 --out "$WORK/cov" \
	>/dev/null 2>"$WORK/cov.err"
rc=$?
CHECK_DIAG=$WORK/cov.err check "run --experiment coverage exits 0 (got $rc)" [ $rc -eq 0 ]
check "blocking.csv: its header, then the tracepoint's no with what happened" \
	[ "$(head -n 2 "$WORK/cov/blocking.csv")" = "$(printf '%s\n%s' hook,can_block,detail \
	'tracepoint,no,"unlinkat(hookbench-deny-0) went through, the file was removed, though the program refused it; the 3 other names were removed"')" ]
check "blocking.csv: lsm as list has it ($(tail -n 1 "$WORK/cov/blocking.csv"))" \
	grep -qE "^lsm,($(field lsm can_block | sed 's/^$/not run/'))," "$WORK/cov/blocking.csv"
"$HB" list >"$WORK/list.txt" 2>&1
check "the table has a can block column" grep -qE '^hook +status +attach point +cost lands +can block' "$WORK/list.txt"

"$HB" run --hooks tracepoint --payload deny --mode create --blocks 12 --ops-per-block 500 \
	--warmup 0 --stats-blocks 0 --out "$WORK/run" >/dev/null 2>"$WORK/run.err"
rc=$?
CHECK_DIAG=$WORK/run.err check "run --payload deny --mode create exits 0 (got $rc)" [ $rc -eq 0 ]
"$PYTHON" - "$WORK/run/summary.csv" >"$WORK/row" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r["hook"] == "tracepoint":
        print(r["payload"], r["mode"], r["status"], r["events_seen"], r["events_expected"],
              r["sample_filename"])
PY
read -r payload mode status seen want name <"$WORK/row"
check "tracepoint/deny/create is ok ($status)" [ "$payload/$mode/$status" = deny/create/ok ]
check "events exact: $seen of $want" [ "$seen" = "$want" -a "${want:-0}" -gt 0 ]
check "the captured name is the workload's ($name)" [ "$name" = hookbench-file ]
leak_check_end "list and run with deny"
done_testing
