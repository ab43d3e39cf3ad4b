#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad input: exit 2, exactly one line on stderr, nothing on stdout, nothing created.
source "$(dirname "${BASH_SOURCE[0]}")/lib-storm.sh"

D=$WORK/d
mkdir "$D"
touch "$WORK/file"

# bad DESCRIPTION ARGS...: run with --dir $D in front (a later --dir wins).
bad() {
	local desc=$1
	shift
	run --dir "$D" "$@"
	if [ "$RC" = 2 ] && [ "$(lines "$WORK/err")" = 1 ] && [ ! -s "$WORK/out" ] &&
	   [ -z "$(ls -A "$D")" ]; then
		ok "$desc: exit 2, one line on stderr, nothing created"
	else
		not_ok "$desc: exit $RC, $(lines "$WORK/err") stderr lines, dir: $(ls -A "$D" | tr '\n' ' ')"
		diag "$WORK/err"
	fi
}

# message DESCRIPTION EXPECTED: the last run's stderr line is exactly EXPECTED.
message() {
	check "$1 message" test "$(cat "$WORK/err")" = "$2"
}

bad "--iterations 0" --iterations 0
message "--iterations 0" "unlink-storm: invalid --iterations '0': must be an integer in [1, 1000000000000]"
bad "--iterations -1" --iterations -1
bad "--iterations abc" --iterations abc
bad "--iterations 12abc" --iterations 12abc
bad "--iterations ''" --iterations ''
bad "--iterations 1.5" --iterations 1.5
bad "--iterations overflow" --iterations 99999999999999999999999
bad "--iterations above max" --iterations 1000000000001
bad "--duration 0" --duration 0
bad "--duration -1" --duration -1
bad "--duration abc" --duration abc
bad "--duration inf" --duration inf
bad "--duration 1e999" --duration 1e999
bad "--threads 0" --threads 0
bad "--threads 257" --threads 257
bad "--threads x" --threads x
bad "--mode foo" --mode foo
message "--mode foo" "unlink-storm: unknown mode 'foo' (valid: enoent, create, other, other_remote, churn)"
bad "--mode other_remote" --mode other_remote
message "--mode other_remote" "unlink-storm: mode 'other_remote' is for hookbench run only (here use --mode other, and pin with --cpu)"
bad "--mode ''" --mode ''
bad "--iterations with --duration" --iterations 10 --duration 1
check "conflicting options message" grep -q 'conflicting options' "$WORK/err"
bad "--duration with --iterations" --duration 1 --iterations 10
bad "unknown long option" --bogus
bad "unknown short option" -x
bad "missing argument" --mode
bad "extra positional argument" --iterations 10 extra
bad "--cpu on a CPU that does not exist" --cpu 100000
bad "--cpu garbage" --cpu abc
bad "--cpu reversed range" --cpu 1-0
bad "--cpu duplicate" --cpu 0,0
bad "--dir that does not exist" --dir "$WORK/missing"
check "--dir that does not exist is not created" test ! -e "$WORK/missing"
bad "--dir that is a file" --dir "$WORK/file"
TMPDIR=$WORK/missing "$STORM" >"$WORK/out" 2>"$WORK/err"
check "TMPDIR that does not exist without --dir: exit 2, one line" \
	test "$?" = 2 -a "$(lines "$WORK/err")" = 1 -a ! -e "$WORK/missing"

# A directory we may not write to: as non-root a 0555 dir; root writes anywhere,
# so it runs the binary as nobody instead.
RO=$WORK/ro
mkdir "$RO"
chmod 0555 "$RO"
if [ "$(id -u)" != 0 ]; then
	bad "--dir not writable" --dir "$RO"
	check "--dir not writable message" grep -q 'not writable' "$WORK/err"
elif command -v setpriv >/dev/null && chmod 0755 "$WORK" &&
     setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$STORM"; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$STORM" --dir "$RO" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	check "--dir not writable (as nobody): exit 2, one line, nothing created" \
		test "$rc" = 2 -a "$(lines "$WORK/err")" = 1 -a -z "$(ls -A "$RO")"
	check "--dir not writable message" grep -q 'not writable' "$WORK/err"
else
	skip "--dir not writable (as nobody): exit 2, one line, nothing created" "root without setpriv, or nobody cannot run $STORM"
	skip "--dir not writable message" "root without setpriv, or nobody cannot run $STORM"
fi

done_testing
