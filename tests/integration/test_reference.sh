#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --reference, --replicates and --no-control as a run writes them; and the
# ring-buffer reader's CPU with one CPU to run on (its time then counts as
# the blocks'). The default reference and the control are checked by
# check_results.py in the payloads and benchmark tests.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
SMALL=(--blocks 12 --ops-per-block 500 --warmup 0 --stats-blocks 1)

leak_check_begin
"$HB" run --hooks raw_tp --reference tp_btf --replicates 2 --no-control --payload count "${SMALL[@]}" \
	--out "$WORK/ref" >/dev/null 2>"$WORK/ref.err"
rc=$?
check "a run with --reference tp_btf --replicates 2 --no-control exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/ref.err"
hooks=$(tail -n +2 "$WORK/ref/summary.csv" | cut -d, -f1 | paste -sd, -)
check "the reference is measured though --hooks left it out; no control row ($hooks)" \
	[ "$hooks" = "raw_tp,tp_btf" ]
check "every row names tp_btf as the reference" \
	[ "$(field "$WORK/ref" raw_tp count reference_hook)/$(field "$WORK/ref" tp_btf count reference_hook)" = tp_btf/tp_btf ]
check "the reference's ratio is 1, with no interval" [ "$(field "$WORK/ref" tp_btf count ratio_vs_reference),$(field \
	"$WORK/ref" tp_btf count ratio_between_run_low),$(field "$WORK/ref" tp_btf count ratio_between_run_high)" = 1.0000,, ]
# A ratio only over a reference clearly above 0 (report_flags.c); at these
# block sizes tp_btf's interval can reach 0, and then the row must say so.
ratio=$(field "$WORK/ref" raw_tp count ratio_vs_reference)
ref_low=$(field "$WORK/ref" tp_btf count ci95_low_ns)
if grep -qE '^[0-9.-]+$' <<<"$ratio"; then
	check "raw_tp has a ratio to it ($ratio)" true
else
	check "raw_tp has no ratio only because tp_btf's interval reaches 0 (low $ref_low, flags $(field \
		"$WORK/ref" raw_tp count flags))" bash -c '[ -z "$1" ] && grep -q reference_not_above_zero <<<"$2" &&
		awk -v l="$3" "BEGIN { exit !(l <= 0) }"' _ "$ratio" "$(field "$WORK/ref" raw_tp count flags)" "$ref_low"
fi
check "2 replicates: replicates is 2, no between-run or ratio interval" \
	[ "$(field "$WORK/ref" raw_tp count replicates),$(field "$WORK/ref" raw_tp count between_run_low_ns),$(field \
	"$WORK/ref" raw_tp count ratio_between_run_low)" = "2,," ]
check "meta.json: the reference asked for and used, the control off" \
	"$PYTHON" -c 'import json, sys; s = json.load(open(sys.argv[1]))["settings"]
sys.exit(not (s["reference_requested"] == s["reference_hook"] == "tp_btf" and s["control"] is False and s["replicates"] == 2))' \
	"$WORK/ref/meta.json"
check "states.csv has no control row either" bash -c "! grep -q '^none,' '$WORK/ref/states.csv'"

cpu=$("$PYTHON" -c 'import os; print(max(os.sched_getaffinity(0)))')
taskset -c "$cpu" "$HB" run --hooks tracepoint --payload ringbuf "${SMALL[@]}" --cpu "$cpu" \
	--out "$WORK/one" >/dev/null 2>"$WORK/one.err"
rc=$?
check "a ringbuf run confined to CPU $cpu exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/one.err"
check "with no other CPU the ring-buffer reader ran on the measured one" \
	"$PYTHON" -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["ringbuf_reader_cpu"] != int(sys.argv[2]))' \
	"$WORK/one/meta.json" "$cpu"
leak_check_end "reference, replicates, control and a one-CPU ringbuf run"
done_testing
