#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/run's VM half (scripts/vm-half), shortened: the guest rows land in
# DIR/vm/ with exact counts for kprobe and fentry, and the report of DIR (a
# host run that could not run kprobes) shows them in an emulated section of
# their own, labelled as instruction-count time, with raw_tp (measured on
# both sides) calibrating the guest's kprobe against the host.
VM_KERNEL=${VM_KERNEL:-debian-6.12-cloud}
. "$(dirname "$0")/lib-vm.sh"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
FX=$SRC/tests/fixtures/results

cp -r "$FX/base" "$WORK/run"
HOOKBENCH=$HB HOOKBENCH_VM_KERNEL=$KERNEL "$SRC/scripts/vm-half" "$WORK/run" \
	--hooks kprobe,fentry,raw_tp --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 \
	--replicates 2 >"$WORK/half.out" 2>"$WORK/half.err"
rc=$?
check "scripts/vm-half exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/half.err"
check "the guest results are in DIR/vm/ (summary.csv, meta.json)" \
	test -f "$WORK/run/vm/summary.csv" -a -f "$WORK/run/vm/meta.json"
check "no vm.missing when the guest half ran" [ ! -e "$WORK/run/vm.missing" ]
for hook in kprobe fentry; do
	check "$hook: one guest row on unlinkat, ok, that counted exactly the calls made (events_seen == events_expected)" \
		python3 - "$WORK/run/vm/summary.csv" "$hook" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["hook"] == sys.argv[2] and r["mode"] == "enoent"]
sys.exit(not (len(rows) == 1 and rows[0]["status"] == "ok" and int(rows[0]["events_expected"]) > 0
              and rows[0]["events_seen"] == rows[0]["events_expected"]))
PY
	check "$hook: one guest row on other syscalls (getppid()), ok, where it fired 0 times" \
		python3 - "$WORK/run/vm/summary.csv" "$hook" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["hook"] == sys.argv[2] and r["mode"] == "other"]
sys.exit(not (len(rows) == 1 and rows[0]["status"] == "ok" and rows[0]["events_expected"] == "0"
              and rows[0]["events_seen"] == "0"))
PY
done
"$HB" report "$WORK/run" >/dev/null 2>"$WORK/report.err"
check "hookbench report DIR exits 0" [ $? -eq 0 ]
md=$WORK/run/report.md
check "report.md has the emulated section, named by the guest's Debian kernel" \
	grep -qE '^## Emulated kernel: Debian 6\.12\.[0-9]+.*, QEMU (TCG|KVM) -icount$' "$md"
check "the section says its figures are instruction counts, not host time" \
	grep -q 'Figures are guest instructions, not host time; never compare them with the host rows' "$md"
section=$(sed -n '/^## Emulated kernel/,/^## /p' "$md")
echo "$section" >"$WORK/section"
CHECK_DIAG=$WORK/section
check "the section has the kprobe and fentry rows" \
	bash -c "grep -q '^| kprobe | count/enoent/1t | ' <<<\"\$1\" && grep -q '^| fentry | count/enoent/1t | ' <<<\"\$1\"" _ "$section"
check "the guest rows say where their cost lands" grep -q '| this call only |$' <<<"$section"
check "raw_tp, measured here and in the guest, is a calibration row" \
	grep -qE '^\| raw_tp \| count/enoent \| 0\.66× \| [0-9.]+×( \[[0-9.]+, [0-9.]+\])? \| [0-9.]+×( \[[0-9.]+, [0-9.]+\])? \|$' <<<"$section"
check "the kprobe's ratio is calibrated against the host's time" \
	grep -qE "on this host's time the kprobe would cost [0-9.]+× \[[0-9.]+, [0-9.]+\] the .tracepoint." <<<"$section"
check "no guest figure is among the host rows (the host's kprobe stays not measured)" \
	bash -c "grep -qF 'Not measured here: \`kprobe\`' '$md' && ! sed '/^## Emulated kernel/,/^## /d' '$md' | grep -q '^| kprobe |'"
done_testing
