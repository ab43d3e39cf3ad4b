#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench vm --object: the example kprobe/kretprobe pair (bpf/examples),
# which this host cannot run, measured in guests. On $VM_KERNEL (6.12 in the
# suite) both rows count each unlinkat call exactly once, with the link's
# missed count; on 7.2, which renamed do_unlinkat, the same object is refused
# in one line that names --attach-symbol, and runs exactly with it.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}
RENAMED=debian-7.2-cloud
OBJ=$BUILD/bpf/examples/unlink_kprobe.bpf.o
SMALL=(--blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 --replicates 1 --no-coverage)
vm_fetch "$RENAMED"

# exact DIR FUNCTION: both rows ok, counted once per call, on FUNCTION, missed counted.
exact() {
	"$PYTHON" - "$1" "$2" <<'PY'
import csv, sys
d, fn = sys.argv[1:]
rows = {r["hook"]: r for r in csv.DictReader(open(d + "/summary.csv"))}
for name in ("unlink_kprobe:unlink_entry", "unlink_kprobe:unlink_exit"):
    r = rows.get(name)
    ok = (r is not None and r["status"] == "ok" and r["payload"] == "own" and r["attach_point"] == fn
          and int(r["events_expected"]) > 0 and r["events_seen"] == r["events_expected"]
          and r["nmissed"] == "0")
    print(f"{name}: {r and r['status']} {r and r['events_seen']}/{r and r['events_expected']} on "
          f"{r and r['attach_point']}, nmissed {r and r['nmissed']}")
    if not ok:
        sys.exit(1)
PY
}

"$HB" vm --kernel "$KERNEL" --object "$OBJ" --set-pid target_tgid "${SMALL[@]}" \
	--out "$WORK/plain" >"$WORK/plain.out" 2>"$WORK/plain.err"
rc=$?
CHECK_DIAG=$WORK/plain.err check "$KERNEL: hookbench vm --object exits 0 (got $rc)" [ $rc -eq 0 ]
exact "$WORK/plain" do_unlinkat >"$WORK/plain.exact"
rc=$?
check "$KERNEL: kprobe and kretprobe each ran once per unlinkat call" [ $rc -eq 0 ]
diag "$WORK/plain.exact"

"$HB" vm --kernel "$RENAMED" --object "$OBJ" "${SMALL[@]}" \
	--out "$WORK/renamed" >"$WORK/renamed.out" 2>"$WORK/renamed.err"
rc=$?
check "$RENAMED without --attach-symbol: refused (exit 1, got $rc), no results" \
	[ $rc -eq 1 -a ! -e "$WORK/renamed" ]
CHECK_DIAG=$WORK/renamed.err check "$RENAMED: one line names the missing function and --attach-symbol" \
	grep -q 'unlink_kprobe:unlink_entry cannot run here: do_unlinkat is not a kernel text symbol.*--attach-symbol' \
	"$WORK/renamed.err"

"$HB" vm --kernel "$RENAMED" --object "$OBJ" --attach-symbol filename_unlinkat --set-pid target_tgid \
	"${SMALL[@]}" --out "$WORK/symbol" >"$WORK/symbol.out" 2>"$WORK/symbol.err"
rc=$?
CHECK_DIAG=$WORK/symbol.err check "$RENAMED --attach-symbol filename_unlinkat exits 0 (got $rc)" [ $rc -eq 0 ]
exact "$WORK/symbol" filename_unlinkat >"$WORK/symbol.exact"
rc=$?
check "$RENAMED: both rows ran once per call on filename_unlinkat" [ $rc -eq 0 ]
diag "$WORK/symbol.exact"
done_testing
