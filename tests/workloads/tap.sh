# SPDX-License-Identifier: GPL-2.0-only
# Shared by the unlink-storm shell tests: TAP output, the binary, a private
# work directory, and small helpers. Source it; $1 is the unlink-storm binary.

TAP_N=0
TAP_FAILED=0

ok() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
not_ok() { TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N - $*"; }
skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N # SKIP $*"; }
diag() { sed 's/^/# /' "$@"; }

# check DESCRIPTION COMMAND...: one test point from a command's status.
check() {
	local desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		[ -s "$WORK/err" ] && diag "$WORK/err"
	fi
	return 0
}

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

STORM=${1:-${UNLINK_STORM:-}}
if [ -z "$STORM" ] || [ ! -x "$STORM" ]; then
	echo "1..0 # SKIP unlink-storm binary not given (argument 1 or \$UNLINK_STORM)"
	exit 0
fi
case $STORM in /*) ;; *) STORM=$PWD/$STORM ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hb-storm-sh.XXXXXX") || exit 99
# Children we start are killed if the test dies early.
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

lines() { wc -l <"$1" | tr -d ' '; }
json_num() { sed -n 's/.*"'"$1"'":\([-0-9.e]*\).*/\1/p' "$2"; }
json_str() { sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p' "$2"; }
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
