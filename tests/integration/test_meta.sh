#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# meta.json: the machine's facts, and the programs others attached to the
# syscall path before the run (here tp-loader's, left running meanwhile:
# a foreign program, so that run needs --allow-foreign).
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
RUN=(run --hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1)

leak_check_begin
# Links there before the test make an empty list impossible to expect.
grep -q '^link' "$WORK/bpf-before" && export FOREIGN_LINKS=1
start_loader
check "tp-loader attached a link (prog ${prog:-none})" [ -n "$prog" ]
"$HB" "${RUN[@]}" --allow-foreign --out "$WORK/with" >/dev/null 2>"$WORK/with.err"
check "a run with --allow-foreign while it is attached exits 0" [ $? -eq 0 ]
check "that run warns of it on stderr, with its owner" \
	grep -q "hb_tracepoint on tracepoint:syscalls:sys_enter_unlinkat, pid $loader (tp-loader)" "$WORK/with.err"
stop_loader
leak_check_end "tp-loader, stopped"
"$HB" "${RUN[@]}" --host hb-test-node --out "$WORK/without" >/dev/null 2>"$WORK/without.err"
check "a run without it exits 0" [ $? -eq 0 ]
check "--host names the machine in meta.json" \
	grep -q '"hostname": "hb-test-node"' "$WORK/without/meta.json"
[ -n "$FOREIGN_LINKS" ] ||
	check "that run warns of nothing attached" bash -c "! grep -q 'syscall path' '$WORK/without.err'"

"$PYTHON" "$(dirname "$0")/check_meta.py" "$WORK/with" "$WORK/without" "${prog:-0}" "$HB" >"$WORK/checks"
while read -r line; do
	case $line in
	ok*) ok "${line#ok * - }" ;;
	*) not_ok "${line#not ok * - }" ;;
	esac
done < <(grep -E '^(ok|not ok)' "$WORK/checks")
check "every meta.json check ran" grep -q '^1\.\.' "$WORK/checks"
done_testing
