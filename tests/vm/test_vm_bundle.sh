#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The hookbench bundle on another machine: a Debian guest. The .tar.gz goes
# into the guest as a plain file; guest-bundle.sh unpacks it in an empty
# folder and runs ./run there (busybox sh, no gnuplot): tracepoint, kprobe
# and fentry must each count every event. Hold /tmp/hookbench-vm.lock around it.
. "$(dirname "$0")/lib-vm.sh"

"$HB" bundle --out "$WORK/hookbench-bundle.tar.gz" >/dev/null 2>"$WORK/bundle.err"
rc=$?
check "hookbench bundle exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/bundle.err"; done_testing; }
"$HB" vm --kernel "$KERNEL" --guest-script "$(dirname "$0")/guest-bundle.sh" \
	--guest-file "$WORK/hookbench-bundle.tar.gz" --out "$WORK/guest" 2>"$WORK/err"
rc=$?
check "hookbench vm with the bundle script exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/err"; done_testing; }
G=$WORK/guest
check "the bundle unpacked into one folder ($(cat "$G/unpacked"))" grep -qx 'hookbench-.*-x86_64' "$G/unpacked"
check "./run --check passes in the guest (exit $(cat "$G/check.status"))" [ "$(cat "$G/check.status")" = 0 ]
check "and says gnuplot is missing there" grep -q '^run: note: gnuplot is not installed: no charts' "$G/check.err"
check "./run exits 0 in the guest (got $(cat "$G/run.status"))" [ "$(cat "$G/run.status")" = 0 ]
[ "$(cat "$G/run.status")" = 0 ] || diag "$G/run.err"
name=$(printf '%s-%s' "$(cat "$G/uname-n")" "$(cat "$G/uname-r")" | tr -c 'A-Za-z0-9._+-' '_')
D=$G/results/$name
check "its results are in results/HOST-KERNEL ($name)" [ -s "$D/summary.csv" ]
check "the last line says so" grep -qx "results: /out/results/$name" <(tail -n 1 "$G/run.out")
check "tracepoint, kprobe and fentry each counted every event" python3 - "$D/summary.csv" <<'PY'
import csv, sys
rows = {r["hook"]: r for r in csv.DictReader(open(sys.argv[1]))}
for hook in ("tracepoint", "kprobe", "fentry"):
    r = rows[hook]
    print(f"#   {hook}: {r['status']}, {r['events_seen']}/{r['events_expected']}")
    assert r["status"] == "ok" and int(r["events_expected"]) > 0
    assert r["events_seen"] == r["events_expected"]
PY
check "report.md came back" [ -s "$D/report.md" ]
check "and the bundle's manifest, arch=x86_64" grep -qx 'arch=x86_64' "$D/bundle-manifest"
check "no chart was drawn (no gnuplot in the guest)" bash -c "! ls '$D'/charts/*.png >/dev/null 2>&1"
done_testing
