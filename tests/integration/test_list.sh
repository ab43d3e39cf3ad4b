#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench list: every hook with a status, and a reason for each unsupported one.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_root
require_bpftool
HB=$BUILD/bench/hookbench

leak_check_begin
"$HB" list --csv >"$WORK/list.csv" 2>"$WORK/err"
check "list --csv exits 0" [ $? -eq 0 ]
check "the header is hook,status,reason" [ "$(head -n 1 "$WORK/list.csv")" = "hook,status,reason" ]
for hook in tracepoint tracepoint_exit raw_tp tp_btf kprobe kretprobe kprobe_multi fentry fexit; do
	check "$hook has a row" grep -q "^$hook," "$WORK/list.csv"
done
for hook in tracepoint tracepoint_exit raw_tp tp_btf; do
	check "$hook is supported here" grep -q "^$hook,supported,$" "$WORK/list.csv"
done
check "every status is supported or unsupported" \
	bash -c "tail -n +2 '$WORK/list.csv' | cut -d, -f2 | grep -vqxE 'supported|unsupported' && exit 1 || exit 0"
check "every unsupported row gives a reason" \
	bash -c "! grep -qE '^[a-z_]+,unsupported,\$' '$WORK/list.csv'"
"$HB" list >"$WORK/list.txt" 2>&1
check "the table names the tracepoint it attaches to" grep -q 'syscalls:sys_enter_unlinkat' "$WORK/list.txt"
leak_check_end "list (loads and attaches each hook once)"
done_testing
