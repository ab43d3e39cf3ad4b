#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# SIGINT, SIGTERM and SIGHUP stop unlink-storm: exit 128+signo, a partial
# summary on stderr, and the scratch dir removed.
source "$(dirname "${BASH_SOURCE[0]}")/lib-storm.sh"

D=$WORK/d
mkdir "$D"

# interrupt SIGNAL ARGS...: start a run, signal it once its scratch dir exists.
interrupt() {
	local sig=$1 num pid rc
	shift
	num=$(kill -l "$sig")
	run_bg "$STORM" --dir "$D" "$@"
	if ! wait_scratch "$D" >/dev/null; then
		not_ok "SIG$sig ($*): scratch dir did not appear"
		return
	fi
	kill -s "$sig" "$pid"
	if ! wait_exit "$pid" 3; then
		not_ok "SIG$sig ($*): still running 3 s after the signal"
		kill -KILL "$pid"
		wait "$pid"
		return
	fi
	wait "$pid"
	rc=$?
	check "SIG$sig ($*): exit status $rc == $((128 + num))" test "$rc" = $((128 + num))
	# A default-action death has the same status but prints nothing and leaves the dir.
	check "SIG$sig ($*): one partial summary line on stderr" \
		test "$(lines "$WORK/err")" = 1 -a -n "$(grep "interrupted by SIG$sig: " "$WORK/err")"
	check "SIG$sig ($*): nothing on stdout" test ! -s "$WORK/out"
	check "SIG$sig ($*): scratch dir removed" test -z "$(ls -A "$D")"
}

interrupt INT --duration 5
interrupt TERM --duration 5
interrupt HUP --duration 5
interrupt INT --mode create --threads 2 --duration 5 --json
interrupt TERM --iterations 1000000000000

done_testing
