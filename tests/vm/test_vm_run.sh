#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench vm writes the same results as a host run, labelled as emulated
# (wall) or as guest instructions (icount), with the guest's kernel.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}
CHECK=$(dirname "$0")/../benchmark/check_results.py
HOOKS=tracepoint,kprobe,fentry BLOCKS=12 OPS=200 WARMUP=0 STATS=1

for timing in wall icount; do
	"$HB" vm --kernel "$KERNEL" --timing $timing --hooks $HOOKS --payload count,capture \
		--mode enoent --blocks $BLOCKS --ops-per-block $OPS --warmup $WARMUP \
		--stats-blocks $STATS --out "$WORK/$timing" >"$WORK/$timing.out" 2>"$WORK/$timing.err"
	rc=$?
	check "$timing: hookbench vm exits 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || diag "$WORK/$timing.err"
	check "$timing: the last line says where the results are" \
		grep -qx "results: $WORK/$timing" "$WORK/$timing.out"
	"$PYTHON" "$CHECK" "$WORK/$timing" $HOOKS count,capture enoent $BLOCKS $OPS $WARMUP $STATS \
		>"$WORK/$timing.checks"
	check "$timing: the results pass every host-format check" \
		bash -c "grep -q '^1\.\.' '$WORK/$timing.checks' && ! grep -q '^not ok' '$WORK/$timing.checks'"
	grep '^not ok' "$WORK/$timing.checks" | diag
	"$PYTHON" - "$WORK/$timing" "$timing" >"$WORK/$timing.vm" <<'PY'
import csv, json, sys
out, timing = sys.argv[1], sys.argv[2]
meta = json.load(open(f"{out}/meta.json"))
rows = list(csv.DictReader(open(f"{out}/summary.csv")))
want = "emulated: not comparable" if timing == "wall" else "icount: guest instructions"
vm = meta.get("vm", {})
print("release", meta["kernel"]["release"].startswith("6.1."))
print("config", meta["kernel"]["config"].get("KPROBES") == "y" and meta["kernel"]["config"].get("FPROBE") == "n")
print("accel", vm.get("accelerator") in ("tcg", "kvm") and vm.get("timing_mode") == timing)
print("label", vm.get("accelerator") == "kvm" or all(r["timing"].startswith(want) for r in rows))
print("kprobe", all(r["status"] == "ok" for r in rows if r["hook"] == "kprobe"))
PY
	check "$timing: meta.json has the guest's 6.1 release" grep -q 'release True' "$WORK/$timing.vm"
	check "$timing: meta.json has the guest's config (KPROBES=y, FPROBE=n)" grep -q 'config True' "$WORK/$timing.vm"
	check "$timing: meta.json records accelerator and timing mode" grep -q 'accel True' "$WORK/$timing.vm"
	check "$timing: every row's timing column says what the figures are" grep -q 'label True' "$WORK/$timing.vm"
	check "$timing: the kprobe rows are ok in the guest" grep -q 'kprobe True' "$WORK/$timing.vm"
done
done_testing
