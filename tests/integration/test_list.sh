#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench list: every hook with a status, and a reason for each unsupported one.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf

# column NAME: that column of every row of list.csv, one a line.
column() {
	"$PYTHON" -c 'import csv, sys; [print(r[sys.argv[2]]) for r in csv.DictReader(open(sys.argv[1], newline=""))]' \
		"$WORK/list.csv" "$1"
}

leak_check_begin
"$HB" list --csv >"$WORK/list.csv" 2>"$WORK/err"
check "list --csv exits 0" [ $? -eq 0 ]
check "the header is hook,status,reason,kind,cost_lands,can_block,block_detail" \
	[ "$(head -n 1 "$WORK/list.csv")" = "hook,status,reason,kind,cost_lands,can_block,block_detail" ]
listed=$(tail -n +2 "$WORK/list.csv" | cut -d, -f1 | paste -sd, - | sed 's/,/, /g')
offered=$("$HB" run --help | sed -n 's/.*--hooks LIST.*(default: all): //p')
check "it lists hooks ($listed)" [ -n "$listed" ]
check "a row for each hook run --help offers, in its order" [ "$listed" = "$offered" ]
for hook in tracepoint tracepoint_exit raw_tp tp_btf; do
	check "$hook is supported here" grep -qE "^$hook,supported,," "$WORK/list.csv"
done
check "the none control is a cell of runs, not a hook" bash -c "! grep -q '^none,' '$WORK/list.csv'"
check "every status is supported or unsupported" \
	bash -c "tail -n +2 '$WORK/list.csv' | cut -d, -f2 | grep -vqxE 'supported|unsupported' && exit 1 || exit 0"
check "every unsupported row gives a reason" \
	bash -c "! grep -qE '^[a-z_]+,unsupported,,' '$WORK/list.csv'"
check "every row names its kind" [ "$(column kind | grep -cxE '[a-z_]+')" = "$(column hook | wc -l)" ]
paste -d, <(column hook) <(column cost_lands) >"$WORK/lands"
# Where the cost lands follows from the attach point: a function, the raw
# syscall tracepoint (every syscall), a syscall tracepoint (every task's slow path).
for want in tracepoint,every_task_slow_path tracepoint_exit,every_task_slow_path \
	raw_tp,every_syscall tp_btf,every_syscall kprobe,this_call kretprobe,this_call \
	kprobe_multi,this_call fentry,this_call fexit,this_call; do
	check "${want%,*}'s cost lands on ${want#*,}" grep -qx "$want" "$WORK/lands"
done
"$HB" list >"$WORK/list.txt" 2>&1
check "the table names the tracepoint it attaches to" grep -q 'syscalls:sys_enter_unlinkat' "$WORK/list.txt"
check "the table says where raw_tp's cost lands" grep -qE '^raw_tp .* every syscall' "$WORK/list.txt"
check "a legend says what each cost-lands class means" grep -q 'SYSCALL_WORK_SYSCALL_TRACEPOINT' "$WORK/list.txt"
check "every supported hook's can block is proven: yes, no or not run, with what happened" \
	[ "$(paste -d, <(column status) <(column can_block) | grep -c '^supported,\(yes\|no\|not run\)$')" = \
	  "$(column status | grep -cx supported)" ]
leak_check_end "list (loads and attaches each hook once)"
done_testing
