#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# unlink-storm removes only what it created: shared parents with canaries and
# symlinks, and foreign things planted while it runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib-storm.sh"

OUT=$WORK/outside
mkdir "$OUT"
echo "canary target $$" >"$OUT/canary-target"
TARGET=$OUT/canary-target
TARGET_SUM=$(cksum <"$TARGET")

# A shared parent: a canary, a symlink out of it, symlinks under the storm's
# names, and a foreign directory named like a scratch dir.
populate() {
	mkdir "$1"
	chmod "$2" "$1"
	echo "canary in $1" >"$1/canary"
	ln -s "$TARGET" "$1/link"
	ln -s "$TARGET" "$1/hookbench-file"
	ln -s "$TARGET" "$1/hookbench-absent"
	mkdir "$1/unlink-storm.foreign"
	echo foreign >"$1/unlink-storm.foreign/keep"
}

# Everything under the parent (names, types, modes, sizes, link targets,
# contents) plus the symlink target, as one checksum.
snapshot() {
	(cd "$1" && find . -printf '%p %y %m %s %l\n' | sort &&
	 find . -type f -exec cat {} + && cat "$TARGET") | cksum
}

target_intact() { [ "$(cksum <"$TARGET")" = "$TARGET_SUM" ]; }

for perm in 1777 0777; do
	P=$WORK/p$perm
	populate "$P" "$perm"
	before=$(snapshot "$P")
	for mode in enoent create; do
		run --mode "$mode" --threads 2 --iterations 2000 --dir "$P"
		check "parent $perm, $mode: exits 0" test "$RC" = 0
		check "parent $perm, $mode: canary, symlinks and target unchanged" \
			test "$(snapshot "$P")" = "$before"
		check "parent $perm, $mode: no unlink-storm.* dir left" test "$(leftovers "$P")" = 0
	done
done

# plant_excl PATH: create a symlink to TARGET at PATH, which the create loop
# occupies part of the time; symlink(2) never replaces an existing name.
plant_excl() {
	local i
	for ((i = 0; i < 1000; i++)); do
		ln -s "$TARGET" "$1" 2>/dev/null && return 0
	done
	return 1
}

# While a create run goes on: plant under the storm's names in the parent, at
# the top of the scratch dir, and in thread dir t0. The t0 symlink makes
# openat(O_EXCL) fail, so the run stops with an error; every planted thing
# must survive and be reported. The storm stops at the t0 plant, so the long
# --duration is only a ceiling (on a loaded machine the plant's forks can
# outlast a short run).
P=$WORK/swap-create
mkdir "$P"
run_bg "$STORM" --mode create --duration 10 --dir "$P"
if S=$(wait_scratch "$P"); then
	check "scratch dir is mode 700 and ours" test "$(stat -c '%a %u' "$S")" = "700 $(id -u)"
	planted=0
	ln -s "$TARGET" "$P/hookbench-file" && ln -s "$TARGET" "$P/hookbench-absent" &&
	ln -s "$TARGET" "$S/hookbench-file" && ln -s "$TARGET" "$S/hookbench-absent" &&
	echo foreign >"$S/foreign" && plant_excl "$S/t0/hookbench-file" && planted=1
	check "planted files and symlinks during the run" test "$planted" = 1
	wait "$pid"
	rc=$?
	check "run with planted symlink in t0 exits 1" test "$rc" = 1
	check "it reports the openat(O_EXCL) failure" \
		grep -q 'failed to run storm in thread 0: File exists' "$WORK/err"
	check "it warns that it left the scratch dir" grep -q "warning: left $S" "$WORK/err"
	check "symlink target intact" target_intact
	check "planted symlinks in the parent survive" \
		test -L "$P/hookbench-file" -a -L "$P/hookbench-absent"
	check "planted things in the scratch dir survive" \
		test -L "$S/hookbench-file" -a -L "$S/hookbench-absent" -a -f "$S/foreign"
	check "planted symlink in t0 survives" test "$(readlink "$S/t0/hookbench-file")" = "$TARGET"
else
	not_ok "scratch dir did not appear"
fi

# While an enoent run goes on: move the scratch dir away and put a symlink to
# a directory outside in its place. Removal through the old name would go
# through the symlink; it must not happen.
P=$WORK/swap-move
mkdir "$P"
run_bg "$STORM" --mode enoent --duration 2 --dir "$P"
if S=$(wait_scratch "$P"); then
	swapped=0
	mv "$S" "$P/moved" && ln -s "$OUT" "$S" && swapped=1
	check "moved the scratch dir and planted a symlink in its place" test "$swapped" = 1
	wait "$pid"
	rc=$?
	check "run whose scratch dir was moved exits 1 with a warning" \
		test "$rc" = 1 -a -n "$(grep 'warning: left' "$WORK/err")"
	check "the symlink in its place and the directory it points to survive" \
		test "$(readlink "$S")" = "$OUT" -a -d "$OUT"
	check "symlink target intact" target_intact
	check "moved dir kept, its thread dir removed through the fd" \
		test -d "$P/moved" -a ! -e "$P/moved/t0"
else
	not_ok "scratch dir did not appear"
fi

# Root plants into the scratch dir of a storm run by nobody: an empty regular
# file under the create name (looks like the storm's own file, but root owns
# it) and a symlink at the top. Both must survive.
P=$WORK/p1777
if [ "$(id -u)" != 0 ]; then
	skip "as nobody: root's planted file and symlink survive" "planting as root into another user's scratch dir needs root"
elif ! command -v setpriv >/dev/null || ! chmod 0755 "$WORK" ||
     ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$STORM"; then
	skip "as nobody: root's planted file and symlink survive" "setpriv missing or nobody cannot run $STORM"
else
	before=$(snapshot "$P")
	run_bg setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$STORM" --mode create --duration 10 --dir "$P"
	if S=$(wait_scratch "$P"); then
		planted=0
		ln -s "$TARGET" "$S/hookbench-absent" &&
		# No subshell per try: on a loaded machine 1000 forks outlasted the
		# storm's run and the plant came too late. The storm stops at the
		# plant, so the long --duration is only a ceiling.
		set -C
		deadline=$((SECONDS + 8))
		while ((!planted && SECONDS < deadline)); do
			{ : >"$S/t0/hookbench-file"; } 2>/dev/null && planted=1
		done
		set +C
		wait "$pid"
		rc=$?
		check "as nobody: root-owned file planted, run exits 1" test "$planted,$rc" = "1,1"
		check "as nobody: root's empty file and symlink survive" \
			test "$(stat -c '%u %s' "$S/t0/hookbench-file")" = "0 0" -a -L "$S/hookbench-absent"
		check "as nobody: target intact" target_intact
		rm -rf "$S"
		check "as nobody: shared parent unchanged" test "$(snapshot "$P")" = "$before"
	else
		not_ok "scratch dir did not appear (as nobody)"
	fi
fi

done_testing
