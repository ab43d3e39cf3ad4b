#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# An arm64 Debian guest ($VM_KERNEL, default debian-6.12-cloud) under
# qemu-system-aarch64 -M virt, with cross-built static guest programs and
# arm64 BPF objects: tracepoint, kprobe and fentry count every unlinkat
# exactly; meta.json says arm64; the kprobe rows say what arm64 did.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
KERNEL=${VM_KERNEL:-debian-6.12-cloud}
CHECK=$(dirname "$0")/../benchmark/check_results.py
HOOKS=tracepoint,kprobe,fentry BLOCKS=12 OPS=200 WARMUP=0 STATS=1

command -v qemu-system-aarch64 >/dev/null 2>&1 ||
	skip_all "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm)"
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 ||
	skip_all "no arm64 cross compiler (apt-get install gcc-aarch64-linux-gnu)"
vm_fetch "$KERNEL" --arch arm64

"$HB" vm --arch arm64 --kernel "$KERNEL" --timing icount --hooks $HOOKS --payload count \
	--mode enoent --blocks $BLOCKS --ops-per-block $OPS --warmup $WARMUP \
	--stats-blocks $STATS --out "$WORK/run" >"$WORK/run.out" 2>"$WORK/run.err"
rc=$?
check "hookbench vm --arch arm64 exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/run.err"
"$PYTHON" "$CHECK" "$WORK/run" $HOOKS count enoent $BLOCKS $OPS $WARMUP $STATS >"$WORK/run.checks"
check "the arm64 results pass every host-format check (exact counts among them)" \
	bash -c "grep -q '^1\.\.' '$WORK/run.checks' && ! grep -q '^not ok' '$WORK/run.checks'"
grep '^not ok' "$WORK/run.checks" | diag
"$PYTHON" - "$WORK/run" "$BLOCKS" "$OPS" >"$WORK/run.arm64" <<'PY'
import csv, json, sys
out, blocks, ops = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
meta = json.load(open(f"{out}/meta.json"))
rows = list(csv.DictReader(open(f"{out}/summary.csv")))
vm = meta.get("vm", {})
print("arch", vm.get("arch") == "arm64" and meta["kernel"]["release"].endswith("-arm64"))
print("btf", meta["kernel"]["config"].get("DEBUG_INFO_BTF") == "y")
print("scratch", meta["settings"].get("scratch_fs") == "ext4")
ok = {r["hook"]: r for r in rows if r["status"] == "ok" and r["hook"] != "none"}
print("hooks", sorted(ok) == ["fentry", "kprobe", "tracepoint"])
print("exact", all(r["events_seen"] == r["events_expected"] and int(r["events_expected"]) >= blocks * ops
                   for r in ok.values()))
# arm64 has no kprobes on ftrace and no jump optimisation: a kprobe is a brk.
k = ok.get("kprobe", {})
print("flavour", k.get("kprobe_flavour") == "brk" and k.get("attach_point", "") != "")
PY
check "meta.json says arm64 and the release is an arm64 one" grep -q 'arch True' "$WORK/run.arm64"
check "the guest's config came along (DEBUG_INFO_BTF=y)" grep -q 'btf True' "$WORK/run.arm64"
check "the workload ran on the guest's ext4 scratch (loop device)" grep -q 'scratch True' "$WORK/run.arm64"
check "tracepoint, kprobe and fentry ran (status ok)" grep -q 'hooks True' "$WORK/run.arm64"
check "each counted exactly every unlinkat call (at least blocks x ops)" grep -q 'exact True' "$WORK/run.arm64"
check "the kprobe row names its attach point and the flavour brk, the only one arm64 has" grep -q 'flavour True' "$WORK/run.arm64"
grep -v True "$WORK/run.arm64" | diag
done_testing
