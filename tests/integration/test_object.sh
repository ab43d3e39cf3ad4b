#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench run --object: the example's tracepoint twin measured beside the
# built-in tracepoint/count row and the control, in the same rounds: its row
# is named FILE:NAME, its kind and attach point come from libbpf, it ran
# exactly once per unlinkat call (bpf_stats). A program that runs for no
# unlinkat call shows as a mismatch.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
OBJ=$BUILD/bpf/examples/unlink_tracepoint.bpf.o
ROW=unlink_tracepoint:unlink_enter
SMALL=(--blocks 12 --ops-per-block 2000 --warmup 1 --stats-blocks 2 --replicates 1 --no-coverage)

leak_check_begin
"$HB" run --object "$OBJ" --set-pid target_tgid "${SMALL[@]}" --out "$WORK/r" >"$WORK/r.out" 2>"$WORK/r.err"
rc=$?
CHECK_DIAG=$WORK/r.err check "a run with --object exits 0 (got $rc)" [ $rc -eq 0 ]
sed 's/^/# /' "$WORK/r.out"
rows=$(tail -n +2 "$WORK/r/summary.csv" | cut -d, -f1,2 | paste -sd' ' -)
check "rows: the reference, the object's program, the control ($rows)" \
	[ "$rows" = "tracepoint,count $ROW,own none,none" ]
check "the row's status is ok ($(field "$WORK/r" "$ROW" own status): $(field "$WORK/r" "$ROW" own reason))" \
	[ "$(field "$WORK/r" "$ROW" own status)" = ok ]
seen=$(field "$WORK/r" "$ROW" own events_seen)
expected=$(field "$WORK/r" "$ROW" own events_expected)
# 2 stats blocks of (256 pre-roll + 2000) calls: bpf_stats counts every
# process, so others' unlinkat calls may add a few, never take any away.
check "run count once per unlinkat: seen $seen of $expected expected" \
	"$PYTHON" -c 'import sys; s, e = map(int, sys.argv[1:]); sys.exit(not (e == 2 * 2256 and e <= s < e + e // 100))' \
	"$seen" "$expected"
check "attach point from its SEC(): $(field "$WORK/r" "$ROW" own attach_point)" \
	[ "$(field "$WORK/r" "$ROW" own attach_point)" = syscalls:sys_enter_unlinkat ]
check "measured: an overhead with its interval, a reference ratio" \
	bash -c '[ -n "$1" ] && [ -n "$2" ] && [ "$3" = tracepoint ]' _ "$(field "$WORK/r" "$ROW" own ci95_low_ns)" \
	"$(field "$WORK/r" "$ROW" own ratio_vs_reference)" "$(field "$WORK/r" "$ROW" own reference_hook)"
check "in-program time from bpf_stats ($(field "$WORK/r" "$ROW" own prog_ns_per_run) ns/run)" \
	bash -c '[ -n "$1" ]' _ "$(field "$WORK/r" "$ROW" own prog_ns_per_run)"
check "runs.csv has the row's blocks, stats blocks with run counts" \
	bash -c "grep -q '^[0-9]*,0,$ROW,own,enoent,1,stats,' '$WORK/r/runs.csv'"
check "meta.json records the object and its rows" "$PYTHON" -c 'import json, sys
m = json.load(open(sys.argv[1]))["object"]
sys.exit(not (m["path"].endswith("unlink_tracepoint.bpf.o") and m["rows"][0]["name"] == sys.argv[2]
              and m["rows"][0]["section"] == "tracepoint/syscalls/sys_enter_unlinkat"))' "$WORK/r/meta.json" "$ROW"

# A program that never runs for unlinkat (it is on getppid): in enoent mode
# it ran fewer times than the calls, a mismatch, and the run exits 3. In
# other mode (getppid) its runs are what it costs other syscalls: not judged.
WRONG=wrong_syscall:on_getppid
"$HB" run --object "$BUILD/tests/wrong_syscall.bpf.o" --program on_getppid --mode enoent,other "${SMALL[@]}" \
	--no-control --out "$WORK/wrong" >"$WORK/wrong.out" 2>"$WORK/wrong.err"
rc=$?
CHECK_DIAG=$WORK/wrong.err check "a program off the unlinkat path exits 3 (got $rc)" [ $rc -eq 3 ]
reason() { "$PYTHON" -c 'import csv, sys
print(next((r["status"] + ": " + r["reason"] for r in csv.DictReader(open(sys.argv[1] + "/summary.csv"))
            if (r["hook"], r["mode"]) == (sys.argv[2], sys.argv[3])), "(no row)"))' "$WORK/$1" "$2" "$3"; }
check "enoent: $(reason wrong $WRONG enoent)" \
	bash -c 'grep -q "^mismatch: fewer runs than the workload.s calls: the program ran 0 times" <<<"$1"' _ "$(reason wrong $WRONG enoent)"
check "other: ran on getppid, not judged ($(reason wrong $WRONG other))" [ "$(reason wrong $WRONG other)" = "ok: " ]
# A program on every syscall: in create mode the open and close around each
# unlinkat run it too, more than once per call: a mismatch.
EVERY=wrong_syscall:on_every_syscall
"$HB" run --object "$BUILD/tests/wrong_syscall.bpf.o" --program on_every_syscall --mode create "${SMALL[@]}" \
	--no-control --out "$WORK/every" >"$WORK/every.out" 2>"$WORK/every.err"
rc=$?
CHECK_DIAG=$WORK/every.err check "a program on every syscall exits 3 in create mode (got $rc)" [ $rc -eq 3 ]
check "create: $(reason every $EVERY create)" \
	bash -c 'grep -q "^mismatch: more runs than the workload.s calls" <<<"$1"' _ "$(reason every $EVERY create)"
# History: an earlier run of the same object with the same settings counts;
# one with another --set value (another program, in effect) does not.
mkdir -p "$WORK/runs"
for r in same1 same2; do
	"$HB" run --object "$OBJ" --set-pid target_tgid "${SMALL[@]}" --replicates 2 --out "$WORK/runs/$r" >/dev/null 2>&1
done
"$HB" run --object "$OBJ" --set-pid target_tgid --set quiet=true "${SMALL[@]}" --replicates 2 \
	--out "$WORK/runs/quiet" >/dev/null 2>&1
earlier() { "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1] + "/meta.json"))["history"]["runs"])' "$1"; }
check "the same object and settings again: run 1 is its history ($(earlier "$WORK/runs/same2") earlier run)" \
	[ "$(earlier "$WORK/runs/same2")" = 1 ]
check "with --set quiet=true: no earlier run is its history ($(earlier "$WORK/runs/quiet"))" \
	[ "$(earlier "$WORK/runs/quiet")" = 0 ]
check "meta.json records the file's CRC-32" "$PYTHON" -c 'import json, sys, zlib
m = json.load(open(sys.argv[1] + "/meta.json"))["object"]
sys.exit(m["crc32"] != "%08x" % zlib.crc32(open(sys.argv[2], "rb").read()))' "$WORK/runs/quiet" "$OBJ"

# A signal mid-run: the object's program is detached and unloaded like the rest.
"$HB" run --object "$OBJ" --blocks 100000 --ops-per-block 2000 --warmup 0 --stats-blocks 1 \
	--no-coverage --out "$WORK/int" >/dev/null 2>"$WORK/int.err" &
pid=$!
for _ in $(seq 200); do # up to 20 s for its first block
	[ -s "$WORK/int.partial/runs.csv" ] && grep -q "$ROW" "$WORK/int.partial/runs.csv" && break
	sleep 0.1
done
kill -INT $pid
wait $pid
rc=$?
check "SIGINT mid-run: exit 130 (got $rc), the object's blocks kept" \
	bash -c '[ "$1" = 130 ] && grep -q "$2" "$3"' _ "$rc" "$ROW" "$WORK/int.partial/runs.csv"
leak_check_end "object runs"
done_testing
