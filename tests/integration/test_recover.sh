#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A sysctl change left by a run that was killed (its record in the state
# directory, its pid gone) is put back by hookbench recover and by the next
# hookbench run, with one line saying so; a live run's change is left alone.
# A plain file stands in for the sysctl, and $HOOKBENCH_STATE_DIR (the
# documented test override) for /run/hookbench.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"

export HOOKBENCH_STATE_DIR=$WORK/state
KNOB=$WORK/kprobes-optimization
mkdir "$HOOKBENCH_STATE_DIR" "$WORK/existing"

# A pid that is certainly dead: a subshell that has finished.
dead_pid() { sh -c 'echo $$'; }

# stale PID: a record of KNOB set from 1 to 0 by hookbench run pid PID.
stale() {
	echo 0 >"$KNOB"
	printf '{"path":"%s","old":"1","set":"0","who":"hookbench run","pid":%d}\n' "$KNOB" "$1" \
		>"$HOOKBENCH_STATE_DIR/sysctl-test.kprobes-optimization.state"
}

pid=$(dead_pid)
stale "$pid"
"$HB" recover 2>"$WORK/err"
rc=$?
check "recover exits 0 (got $rc)" [ $rc -eq 0 ]
check "recover put the file back to 1" [ "$(cat "$KNOB")" = 1 ]
check "and said so: $(cat "$WORK/err")" grep -qx \
	"hookbench: restored $KNOB to 1, left at 0 by hookbench run pid $pid that did not finish" "$WORK/err"
check "the record is gone" [ -z "$(ls -A "$HOOKBENCH_STATE_DIR")" ]
"$HB" recover 2>"$WORK/err"
check "a second recover has nothing to do" grep -q "nothing to restore" "$WORK/err"

# A live process's record stays, and so does its value.
sleep 60 &
live=$!
stale $live
"$HB" recover 2>"$WORK/err"
check "a live run's change is left alone" [ "$(cat "$KNOB")" = 0 ]
check "and its record kept" [ -n "$(ls -A "$HOOKBENCH_STATE_DIR")" ]
kill $live
wait $live 2>/dev/null

# Changed since by someone else: left as it is, record dropped.
stale "$(dead_pid)"
echo 7 >"$KNOB"
"$HB" recover 2>"$WORK/err"
check "a value changed since is left alone" [ "$(cat "$KNOB")" = 7 ]
check "and said so: $(cat "$WORK/err")" grep -q "left $KNOB at 7: .*changed since" "$WORK/err"
check "its record is dropped" [ -z "$(ls -A "$HOOKBENCH_STATE_DIR")" ]

# The next hookbench run restores before anything else (this one then stops
# at its existing --out, so it loads nothing).
pid=$(dead_pid)
stale "$pid"
"$HB" run --hooks tracepoint --out "$WORK/existing" 2>"$WORK/err"
check "hookbench run restored the file first" [ "$(cat "$KNOB")" = 1 ]
check "and said so" grep -qx \
	"hookbench: restored $KNOB to 1, left at 0 by hookbench run pid $pid that did not finish" "$WORK/err"

done_testing
