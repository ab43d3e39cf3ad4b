#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Nothing stays attached or loaded, nothing is lost, after CASE ends a run
# of hookbench, tp-loader (and kprobe-loader where kprobes exist) and of the
# workload child: CASE is exit (normal), INT, TERM, HUP or KILL.
BUILD=${1:?build dir}
CASE=${3:?case: exit, INT, TERM, HUP or KILL}
. "$(dirname "$0")/../lib.sh"
require_bpf

# Wait until a new BPF link exists (something is attached), up to 20 s.
wait_attached() {
	local i=0
	while [ $i -lt 200 ]; do
		comm -13 "$WORK/bpf-before" <(bpf_ids) | grep -q '^link' && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# stop PID: end it the way CASE says (exit: let it finish).
stop() {
	[ "$CASE" = exit ] || kill -"$CASE" "$1"
	wait "$1"
}

# PID has exited (a zombie counts: this machine's init may reap late).
gone() {
	[ ! -e "/proc/$1" ] || awk '{ exit $3 != "Z" }' "/proc/$1/stat" 2>/dev/null
}

expected_status() { # what a process ending by CASE exits with, given its normal status
	case $CASE in
	exit) echo "$1" ;;
	KILL) echo 137 ;;
	*) echo 130 ;;
	esac
}

# hookbench run
mkdir -p "$WORK/scratch"
leak_check_begin
blocks=$([ "$CASE" = exit ] && echo 12 || echo 100000)
"$HB" run --hooks tracepoint,raw_tp --payload count,ringbuf --blocks $blocks --ops-per-block 2000 \
	--warmup 0 --stats-blocks 1 --dir "$WORK/scratch" --out "$WORK/run" >/dev/null 2>"$WORK/run.err" &
pid=$!
[ "$CASE" = exit ] || wait_attached
sleep 1
stop $pid
rc=$?
want=$(expected_status 0)
check "hookbench run, $CASE: exit status $want (got $rc)" [ "$rc" = "$want" ]
leak_check_end "hookbench run, $CASE"
dir=$WORK/run
[ "$CASE" = exit ] || dir=$WORK/run.partial
check "hookbench run, $CASE: results in $(basename "$dir")" [ -s "$dir/runs.csv" ]
check "hookbench run, $CASE: no half-written row in runs.csv" \
	awk -F, 'NR == 1 { n = NF } NF != n { exit 1 } END { exit NR < 2 }' "$dir/runs.csv"
if [ "$CASE" = KILL ]; then
	check "hookbench run, KILL: no summary was written, the blocks are all there is" [ ! -e "$dir/summary.csv" ]
else
	check "hookbench run, $CASE: summary.csv and meta.json written" [ -s "$dir/summary.csv" ] && [ -s "$dir/meta.json" ]
	if [ "$CASE" != exit ]; then
		check "hookbench run, $CASE: unfinished rows say interrupted" grep -q ',interrupted,' "$dir/summary.csv"
		check "hookbench run, $CASE: meta.json says interrupted" grep -q '"interrupted": true' "$dir/meta.json"
	fi
	check "hookbench run, $CASE: its scratch directory is gone" [ -z "$(ls -A "$WORK/scratch")" ]
fi

# tp-loader (and kprobe-loader) around the workload; then the workload child itself.
loaders=(tp-loader)
[ -e /sys/bus/event_source/devices/kprobe/type ] && loaders+=(kprobe-loader)
for loader in "${loaders[@]}"; do
	for target in loader child; do
		rm -rf "$WORK/scratch"/* "$WORK/$loader.json"
		duration=$([ "$CASE" = exit ] && echo 1 || echo 30)
		leak_check_begin
		"$BUILD/loaders/$loader" --json -o "$WORK/$loader.json" -- \
			"$STORM" --duration $duration --dir "$WORK/scratch" >/dev/null 2>"$WORK/loader.err" &
		pid=$!
		wait_attached
		sleep 0.5
		child=$(pgrep -P $pid -f unlink-storm | head -n 1)
		if [ "$target" = child ] && [ -n "$child" ] && [ "$CASE" != exit ]; then
			kill -"$CASE" "$child"
			wait $pid
			rc=$?
			want=$([ "$CASE" = KILL ] && echo 137 || echo $((128 + $(kill -l "$CASE"))))
			check "$loader, workload child got $CASE: the loader exits with its status $want (got $rc)" [ "$rc" = "$want" ]
			check "$loader, workload child got $CASE: the loader still wrote its counters" grep -q '"events":' "$WORK/$loader.json"
		else
			stop $pid
			rc=$?
			case $CASE in
			exit) want=0 ;;
			KILL) want=137 ;;
			*) want=$((128 + $(kill -l "$CASE"))) ;; # forwarded to the child, whose status it returns
			esac
			check "$loader ($target case), $CASE: exit status $want (got $rc)" [ "$rc" = "$want" ]
		fi
		sleep 0.5
		check "$loader ($target), $CASE: the workload child has exited" gone "${child:-999999}"
		leak_check_end "$loader ($target), $CASE"
		if [ "$CASE" != KILL ] || [ "$target" != child ]; then
			check "$loader ($target), $CASE: the workload's scratch directory is gone" \
				bash -c "sleep 0.5; [ -z \"\$(ls -A '$WORK/scratch')\" ]"
		fi
		[ "$CASE" = exit ] && break
	done
done
done_testing
