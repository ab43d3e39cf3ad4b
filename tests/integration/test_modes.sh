#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench run's collateral modes: other (getppid() in this process),
# other_remote (the same in a second process on another CPU that never
# loaded BPF) and churn (a file life cycle, one unlinkat in five syscalls).
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
BLOCKS=12 OPS=200 STATS=1 PREROLL=256
RUN=(run --hooks tracepoint,raw_tp --blocks $BLOCKS --ops-per-block $OPS --warmup 0
     --stats-blocks $STATS)

# field DIR HOOK MODE COLUMN: that column of DIR/summary.csv's count (or control) row.
field() {
	"$PYTHON" -c 'import csv, sys
d, hook, mode, col = sys.argv[1:]
for r in csv.DictReader(open(d + "/summary.csv")):
    if r["hook"] == hook and r["mode"] == mode:
        print(r[col])' "$@"
}

leak_check_begin
# --mode other brings other_remote along (every thread count is 1): both rows.
"$HB" "${RUN[@]}" --mode other,churn --out "$WORK/run" >"$WORK/run.out" 2>"$WORK/run.err"
rc=$?
check "a run of other (and with it other_remote) and churn exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/run.err"
if [ "$(nproc)" -ge 2 ]; then
	remote_status=ok
else
	remote_status=unsupported
fi
for hook in tracepoint raw_tp none; do
	for mode in other churn; do
		s=$(field "$WORK/run" $hook $mode status)
		check "$hook/$mode is ok ($s)" [ "$s" = ok ]
	done
	s=$(field "$WORK/run" $hook other_remote status)
	check "$hook/other_remote is $remote_status ($s)" [ "$s" = $remote_status ]
done
for hook in tracepoint raw_tp; do
	for mode in other other_remote; do
		[ "$mode" = other_remote ] && [ $remote_status != ok ] && continue
		e=$(field "$WORK/run" $hook $mode events_expected)/$(field "$WORK/run" $hook $mode events_seen)
		check "$hook/$mode: no event expected, none seen by count ($e)" [ "$e" = 0/0 ]
	done
	# Hooked blocks: two per visit less the odd last visit's one, plus the stats blocks.
	want=$(( (2 * ((BLOCKS + 1) / 2) - BLOCKS % 2 + STATS) * (OPS + PREROLL) ))
	e=$(field "$WORK/run" $hook churn events_expected)/$(field "$WORK/run" $hook churn events_seen)
	check "$hook/churn: one unlinkat per iteration, all seen ($e, want $want/$want)" [ "$e" = "$want/$want" ]
done
p=$(field "$WORK/run" raw_tp other prog_ns_per_run)
check "raw_tp's program ran on getppid() (bpf_stats: $p ns/run) yet counted nothing" [ -n "$p" ]
"$PYTHON" "$(dirname "$0")/../benchmark/check_results.py" "$WORK/run" tracepoint,raw_tp count \
	other,other_remote,churn $BLOCKS $OPS 0 $STATS >"$WORK/check.out"
rc=$?
check "check_results.py accepts the run (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || grep -v '^ok' "$WORK/check.out" | diag
check "no process of the run is left (the remote one exited with it)" \
	bash -c "! pgrep -x hookbench >/dev/null"

HOOKBENCH_TEST_OTHER_UNLINKS=1 "$HB" "${RUN[@]}" --hooks tracepoint --mode other \
	--out "$WORK/fired" >"$WORK/fired.out" 2>"$WORK/fired.err"
rc=$?
check "a payload that fires in mode other makes the run exit 3 (got $rc)" [ $rc -eq 3 ]
s=$(field "$WORK/fired" tracepoint other status):$(field "$WORK/fired" tracepoint other reason)
check "the tracepoint/other row is a mismatch that says it fired ($s)" \
	grep -q '^mismatch:the payload fired on getppid' <<<"$s"

taskset -c 0 "$HB" "${RUN[@]}" --hooks tracepoint --no-control --mode other_remote \
	--out "$WORK/one" >"$WORK/one.out" 2>"$WORK/one.err"
rc=$?
check "other_remote with one CPU exits 0 (got $rc)" [ $rc -eq 0 ]
s=$(field "$WORK/one" tracepoint other_remote status):$(field "$WORK/one" tracepoint other_remote reason)
check "its row is unsupported, with the reason ($s)" grep -q '^unsupported:.*second CPU' <<<"$s"

"$HB" run --mode other_remote --threads 1,2 >/dev/null 2>"$WORK/threads.err"
rc=$?
check "other_remote with --threads 2 is a usage error (exit $rc)" [ $rc -eq 2 ]
check "which says why" grep -q 'other_remote.*--threads 1' "$WORK/threads.err"

if [ $remote_status = ok ]; then
	# The remote process: on another CPU, without a BPF fd, and gone when hookbench dies.
	"$HB" run --hooks tracepoint --mode other_remote --blocks 200 --ops-per-block 20000 \
		--dir "$WORK" --out "$WORK/killed" >/dev/null 2>&1 &
	hb=$!
	child=
	for _ in $(seq 50); do
		child=$(pgrep -P $hb | head -n 1)
		[ -n "$child" ] && break
		sleep 0.1
	done
	sleep 1
	cpus=$(sed -n 's/^Cpus_allowed_list:\s*//p' /proc/$child/status 2>/dev/null)
	mine=$(sed -n 's/^Cpus_allowed_list:\s*//p' /proc/$hb/task/$hb/status 2>/dev/null)
	check "the remote process runs pinned to another CPU ($cpus, hookbench on $mine)" \
		bash -c "[ -n '$cpus' ] && [ '$cpus' != '$mine' ] && ! grep -q , <<<'$cpus$mine'"
	check "the remote process holds no BPF object" \
		bash -c "[ -n '$child' ] && ! ls -l /proc/$child/fd 2>/dev/null | grep -q 'anon_inode:bpf'"
	kill -KILL $hb
	wait $hb 2>/dev/null
	gone=no
	for _ in $(seq 50); do
		kill -0 "$child" 2>/dev/null || { gone=yes; break; }
		sleep 0.1
	done
	check "the remote process dies with hookbench (PR_SET_PDEATHSIG)" [ $gone = yes ]
fi
leak_check_end "hookbench run with modes other, other_remote and churn"
done_testing
