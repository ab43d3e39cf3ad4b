# SPDX-License-Identifier: GPL-2.0-only
# Shared by the unlink-storm shell tests, on top of ../lib.sh: the binary
# (argument 1), children killed if the test dies early, and helpers for runs
# and scratch dirs. A failed check shows $WORK/err.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

STORM=${1:-${UNLINK_STORM:-}}
if [ -z "$STORM" ] || [ ! -x "$STORM" ]; then
	echo "1..0 # SKIP unlink-storm binary not given (argument 1 or \$UNLINK_STORM)"
	exit 0
fi
case $STORM in /*) ;; *) STORM=$PWD/$STORM ;; esac
CHECK_DIAG=$WORK/err

BG_PIDS=()
cleanup_work() {
	local p
	for p in "${BG_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$WORK"
}
trap cleanup_work EXIT

# run ARGS...: unlink-storm with stdout/stderr/status in $WORK/{out,err} and $RC.
run() {
	"$STORM" "$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
}

# run_bg COMMAND...: COMMAND in the background, output in $WORK/{out,err};
# sets pid, and the child is killed if the test ends first.
run_bg() {
	"$@" >"$WORK/out" 2>"$WORK/err" &
	pid=$!
	BG_PIDS+=("$pid")
}

lines() { wc -l <"$1" | tr -d ' '; }
# Names in DIR matching unlink-storm.* (other than unlink-storm.foreign).
leftovers() { find "$1" -mindepth 1 -maxdepth 1 -name 'unlink-storm.*' ! -name unlink-storm.foreign | wc -l | tr -d ' '; }

# wait_scratch PARENT: print the scratch dir once its first thread dir exists.
wait_scratch() {
	local i d
	for ((i = 0; i < 500; i++)); do
		for d in "$1"/unlink-storm.*/t0; do
			if [ -d "$d" ]; then
				echo "${d%/t0}"
				return 0
			fi
		done
		sleep 0.01
	done
	return 1
}

# wait_exit PID SECONDS: 0 once PID is gone, 1 if it outlives SECONDS.
wait_exit() {
	local i
	for ((i = 0; i < $2 * 20; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}
