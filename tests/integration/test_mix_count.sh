#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench mix on this machine: the unlinkat calls of a workload made while
# it counts are all in mix.csv, to its deadline and when a signal stops it
# early (the counts so far written, exit 130), and nothing stays attached.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_bpf

"$HB" list --csv >"$WORK/list.csv" 2>&1
grep -q '^raw_tp,supported,' "$WORK/list.csv" ||
	skip_all "raw_tp cannot run here: $(grep '^raw_tp,' "$WORK/list.csv" | cut -d, -f3)"

CALLS=5000

# start_mix SECONDS NAME: hookbench mix into $WORK/NAME.csv in the background
# (pid in mix); returns once its counter is attached (up to 30 s).
start_mix() {
	"$HB" mix --seconds "$1" --out "$WORK/$2.csv" >"$WORK/$2.out" 2>"$WORK/$2.err" &
	mix=$!
	for _ in $(seq 300); do
		grep -q 'counting every syscall' "$WORK/$2.err" && return 0
		kill -0 "$mix" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}

# csv_field NAME SYSCALL COLUMN: COLUMN of native SYSCALL's row of $WORK/NAME.csv ("" if none).
csv_field() {
	python3 -c 'import csv, sys
f, name, col = sys.argv[1:]
print(next((r[col] for r in csv.DictReader(open(f)) if (r["name"], r["abi"]) == (name, "native")), ""))' \
		"$WORK/$1.csv" "$2" "$3"
}

# The counts of one file add up: the rows' counts to the total on every row.
adds_up() {
	python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sys.exit(not rows or sum(int(r["count"]) for r in rows) != int(rows[0]["total"]))' "$WORK/$1.csv"
}

leak_check_begin

# To the deadline, with the workload's calls inside it.
start_mix 3 deadline
check "mix reports its counter attached" [ $? -eq 0 ]
"$STORM" --iterations $CALLS >/dev/null 2>"$WORK/storm.err"
check "unlink-storm makes its $CALLS unlinkat() calls" [ $? -eq 0 ]
wait "$mix"
rc=$?
CHECK_DIAG="$WORK/deadline.err" check "mix --seconds 3 exits 0 (got $rc)" [ $rc -eq 0 ]
n=$(csv_field deadline unlinkat count)
check "mix.csv counts at least the workload's $CALLS unlinkat() calls (counted $n)" \
	[ "${n:-0}" -ge $CALLS ]
check "its counts add up to its total" adds_up deadline
seconds=$(csv_field deadline unlinkat seconds)
check "it counted for at least the 3 s asked ($seconds s)" \
	python3 -c "import sys; sys.exit(not float('${seconds:-0}') >= 3.0)"
check "the first row is the most frequent syscall" \
	python3 -c "import csv; r = [int(x['count']) for x in csv.DictReader(open('$WORK/deadline.csv'))]; exit(r != sorted(r, reverse=True))"
printed=$(sed -n 's/^unlinkat: \([0-9,]*\) of [0-9,]* syscalls in [0-9.]* s = .*%.*/\1/p' "$WORK/deadline.out" | tr -d ,)
check "stdout gives unlinkat's count and share, as in the file ($printed)" [ "$printed" = "$n" ]
check "stdout names the three most frequent syscalls" \
	bash -c "grep '^most frequent: ' '$WORK/deadline.out' | grep -o ' [0-9,]* ([0-9.e+-]*%)' | wc -l | grep -qx 3"
check "stdout names the file" grep -qx "mix: $WORK/deadline.csv" "$WORK/deadline.out"

# Stopped early by a signal: what was counted is written, exit 130.
for sig in INT TERM; do
	start_mix 600 "$sig"
	check "mix ($sig case) reports its counter attached" [ $? -eq 0 ]
	"$STORM" --iterations $CALLS >/dev/null 2>"$WORK/storm.err"
	kill -"$sig" "$mix"
	wait "$mix"
	rc=$?
	CHECK_DIAG="$WORK/$sig.err" check "SIG$sig: mix exits 130 (got $rc)" [ $rc -eq 130 ]
	check "SIG$sig: it says it was interrupted" grep -q 'interrupted after' "$WORK/$sig.err"
	n=$(csv_field "$sig" unlinkat count)
	check "SIG$sig: the counts so far are written, the workload's $CALLS calls among them ($n)" \
		[ "${n:-0}" -ge $CALLS ]
	seconds=$(csv_field "$sig" unlinkat seconds)
	check "SIG$sig: with the seconds it counted, not the 600 asked ($seconds)" \
		python3 -c "import sys; sys.exit(not 0 < float('${seconds:-0}') < 600)"
done

leak_check_end "mix"
done_testing
