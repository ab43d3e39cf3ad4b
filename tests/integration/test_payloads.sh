#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The tracepoint family with every payload, one and two workload threads:
# exact counts (ringbuf: records read + dropped = calls), the right filename,
# nothing left attached; --kprobe-optimization on a kernel without the switch.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
HOOKS=tracepoint,tracepoint_exit,raw_tp,tp_btf PAYLOADS=empty,count,capture,ringbuf,printk
THREADS=1
[ "$(nproc)" -ge 2 ] && THREADS=1,2
BLOCKS=12 OPS=1000 WARMUP=0 STATS=2

leak_check_begin
"$HB" run --hooks $HOOKS --payload $PAYLOADS --mode enoent --threads $THREADS --blocks $BLOCKS \
	--ops-per-block $OPS --warmup $WARMUP --stats-blocks $STATS --out "$WORK/out" 2>"$WORK/err"
rc=$?
check "hookbench run with every payload exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
"$PYTHON" "$(dirname "$0")/../benchmark/check_results.py" "$WORK/out" $HOOKS $PAYLOADS enoent \
	$BLOCKS $OPS $WARMUP $STATS $THREADS >"$WORK/checks"
while read -r line; do
	case $line in
	ok*) ok "${line#ok * - }" ;;
	"not ok"*) not_ok "${line#not ok * - }" ;;
	esac
done <"$WORK/checks"
check "every row is ok" bash -c "tail -n +2 '$WORK/out/summary.csv' | cut -d, -f5 | sort -u | grep -qx ok"
leak_check_end "every payload"

opt=/proc/sys/debug/kprobes-optimization
before=$(cat $opt 2>/dev/null)
"$HB" run --hooks tracepoint --payload count --blocks 12 --ops-per-block 500 --warmup 0 \
	--stats-blocks 0 --kprobe-optimization off --out "$WORK/kopt" >/dev/null 2>"$WORK/kopt.err"
rc=$?
check "--kprobe-optimization off: the run exits 0 (got $rc)" [ $rc -eq 0 ]
if [ -e $opt ]; then
	check "and the sysctl is back to $before" [ "$(cat $opt)" = "$before" ]
	check "meta.json records it" grep -q '"kprobe_optimization": "off"' "$WORK/kopt/meta.json"
else
	check "without the sysctl it warns (CONFIG_OPTPROBES)" grep -q 'CONFIG_OPTPROBES' "$WORK/kopt.err"
	check "and meta.json says it was not available" grep -q '"kprobe_optimization": "not available"' "$WORK/kopt/meta.json"
fi
done_testing
