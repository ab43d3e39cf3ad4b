#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench vm --jobs 2: two guests at once (one kernel, given by its alias
# and by its vmlinuz path, so the suite boots no further kernel), each QEMU
# pinned to its own host CPU, counts exact in both, and the combined
# summary.csv the two guests' rows in the --kernel order. Hold
# /tmp/hookbench-vm.lock around it.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

VMLINUZ=$(sed -n 's/^[^:]*: \(.*\) ([^)]*)$/\1/p' "$WORK/fetch.out" | head -n 1)
[ -f "$VMLINUZ" ] || skip_all "no vmlinuz path in: $(cat "$WORK/fetch.out")"
SECOND=$(basename "$VMLINUZ")

"$HB" vm --kernel "$KERNEL,$VMLINUZ" --jobs 2 --timing icount --hooks tracepoint,kprobe,fentry \
	--payload count --mode enoent --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 \
	--out "$WORK/out" >"$WORK/stdout" 2>"$WORK/err"
rc=$?
check "hookbench vm --jobs 2 with two guests exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
check "the last line says where the results are" grep -qx "results: $WORK/out" "$WORK/stdout"
check "every progress line is whole and names its guest" \
	awk -v a="[$KERNEL] " -v b="[$SECOND] " 'index($0, "hookbench vm: ") != 1 &&
		index($0, a) != 1 && index($0, b) != 1 { bad = 1 } END { exit bad }' "$WORK/err"
for k in "$KERNEL" "$SECOND"; do
	check "$k: its booted and done lines carry its label" \
		bash -c 'grep -qF "hookbench vm: $1: booted" "$2" && grep -qF "hookbench vm: $1: done in" "$2"' \
		_ "$k" "$WORK/err"
done

"$PYTHON" - "$WORK/out" "$KERNEL" "$SECOND" >"$WORK/checks" <<'PY'
import csv, json, os, sys
out, labels = sys.argv[1], sys.argv[2:]
def rows(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))
combined = rows(os.path.join(out, "summary.csv"))
parts = [rows(os.path.join(out, k, "summary.csv")) for k in labels]
print("order", combined == parts[0] + parts[1][1:])
metas = [json.load(open(os.path.join(out, k, "meta.json")))["vm"] for k in labels]
cpus = [m["host_cpus"] for m in metas]
ncpu = len(os.sched_getaffinity(0))
print("jobs", all(m["jobs"] == 2 for m in metas))
print("pinned", ncpu < 2 or (all(len(c) == ncpu // 2 for c in cpus) and not set(cpus[0]) & set(cpus[1])))
exact = True
for k in labels:
    for r in csv.DictReader(open(os.path.join(out, k, "summary.csv"))):
        if r["hook"] in ("tracepoint", "kprobe", "fentry"):
            exact &= r["status"] == "ok" and r["events_seen"] == r["events_expected"] != "0"
print("exact", exact)
PY
check "summary.csv: the first guest's rows, then the second's" grep -q 'order True' "$WORK/checks"
check "meta.json: vm.jobs is 2 in both" grep -q 'jobs True' "$WORK/checks"
check "the two QEMUs ran on disjoint host CPUs" grep -q 'pinned True' "$WORK/checks"
check "tracepoint, kprobe, fentry counted exactly in both guests" grep -q 'exact True' "$WORK/checks"
done_testing
