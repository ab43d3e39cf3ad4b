#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# compare, report and plot on fixture results: exit codes, the verdict table,
# the caveats a report must detect, and charts that are real PNG and SVG.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures/results")
REF=$(realpath "$(dirname "$0")/../../results/reference/fleet")

compare() {
	"$HB" compare "$@" >"$WORK/cmp.out" 2>"$WORK/cmp.err"
	echo $?
}

rc=$(compare "$FX/base" "$FX/base")
check "compare a run with itself: exit 0 (got $rc)" [ "$rc" = 0 ]
check "and no significant change anywhere" bash -c "! grep -qE 'REGRESSION|improvement' '$WORK/cmp.out'"
rc=$(compare "$FX/base" "$FX/tripled")
check "compare against a tripled overhead: exit 1 (got $rc)" [ "$rc" = 1 ]
check "each ok row is a REGRESSION" [ "$(grep -c REGRESSION "$WORK/cmp.out")" = 8 ]
check "the change is given in percent" grep -q '+200.0%' "$WORK/cmp.out"
check "unsupported rows are not comparable, not regressions" grep -q 'kprobe/count/enoent/1t .*not comparable' "$WORK/cmp.out"
rc=$(compare "$FX/tripled" "$FX/base")
check "the other way round it is an improvement: exit 0 (got $rc)" [ "$rc" = 0 ]
check "and says improvement" grep -q improvement "$WORK/cmp.out"
rc=$(compare "$FX/base" "$FX/tripled" --threshold 500)
check "a 200% change under a 500% threshold: exit 0 (got $rc)" [ "$rc" = 0 ]
rc=$(compare "$FX/base" "$WORK/no-such-dir")
check "a missing directory: exit 2 (got $rc)" [ "$rc" = 2 ]
check "with one line naming it" bash -c "[ \$(wc -l <'$WORK/cmp.err') = 1 ] && grep -q 'no-such-dir' '$WORK/cmp.err'"
for bad in malformed-row malformed-number malformed-header; do
	rc=$(compare "$FX/base" "$FX/$bad")
	check "$bad summary.csv: exit 2 (got $rc)" [ "$rc" = 2 ]
	check "$bad: one line saying what is malformed" bash -c "[ \$(wc -l <'$WORK/cmp.err') = 1 ] && grep -qE 'malformed|fields' '$WORK/cmp.err'"
done
rc=$(compare "$FX/base")
check "compare with one directory: exit 2 (got $rc)" [ "$rc" = 2 ]
rc=$(compare "$FX/base" "$FX/base" --threshold -3)
check "a negative threshold: exit 2 (got $rc)" [ "$rc" = 2 ]

# Units: a host run counts ns, an -icount guest run guest instructions (results/reference/fleet).
GUEST1=$REF/vm-x86_64/debian-6.1-cloud
GUEST2=$REF/vm-x86_64/debian-6.12-cloud
rc=$(compare "$REF/host" "$GUEST2")
check "compare a host run (ns) with an icount guest run: exit 2 (got $rc)" [ "$rc" = 2 ]
check "with one line naming both directories and both units" bash -c "[ \$(wc -l <'$WORK/cmp.err') = 1 ] && \
	grep -qxF 'hookbench: compare: BASE $REF/host counts ns but NEW $GUEST2 counts guest instructions: figures in different units cannot be compared' '$WORK/cmp.err'"
check "and no table" [ ! -s "$WORK/cmp.out" ]
rc=$(compare "$GUEST2" "$REF/host")
check "the other way round: exit 2 too (got $rc)" [ "$rc" = 2 ]
check "naming the guest as BASE" grep -qF "BASE $GUEST2 counts guest instructions but NEW $REF/host counts ns" "$WORK/cmp.err"
rc=$(compare "$REF/host" "$REF/merged")
check "compare with a merged directory that mixes units: exit 2 (got $rc)" [ "$rc" = 2 ]
check "saying it mixes units" grep -qxF "hookbench: compare: $REF/merged mixes units (a merged fleet?): compare the runs it was merged from" "$WORK/cmp.err"
rc=$(compare "$GUEST1" "$GUEST2")
check "compare two icount guest runs: a table, not a refusal (got $rc)" [ "$rc" = 0 -o "$rc" = 1 ]
check "its header names guest instructions" grep -qE '^hook/payload/mode/threads +BASE guest instr\./event \[95% CI\] +NEW guest instr\./event \[95% CI\] +change +verdict$' "$WORK/cmp.out"
check "and so does its last line" grep -qE '^[0-9]+ significant regressions? \(threshold 5\.0%; figures in guest instructions\)$' "$WORK/cmp.out"
rc=$(compare "$REF/host" "$REF/host")
check "compare two host runs: exit 0 (got $rc), in ns" bash -c "[ $rc = 0 ] && grep -q '^hook/payload/mode/threads  *BASE ns/event' '$WORK/cmp.out' && grep -q 'figures in ns)\$' '$WORK/cmp.out'"
cp -r "$GUEST1" "$WORK/guest-hf"
timeout 20 "$HB" hyperfine "$WORK/guest-hf" >"$WORK/hf.out" 2>"$WORK/hf.err"
rc=$?
check "hyperfine on an icount guest run: refused, exit 2 (got $rc)" [ $rc = 2 ]
check "with one line saying why, and nothing written" bash -c "[ \$(wc -l <'$WORK/hf.err') = 1 ] && \
	grep -qF '$WORK/guest-hf counts guest instructions (a QEMU -icount run)' '$WORK/hf.err' && [ ! -e '$WORK/guest-hf/hyperfine.csv' ]"

# An -icount guest run's report.md: every figure in guest instructions, no ns.
cp -r "$GUEST2" "$WORK/guest-report"
check_icount_report "$WORK/guest-report" "an icount reference run"
GR=$WORK/guest-report/report.md
check "report of an icount run: the decision names guest instructions" \
	grep -qE '^- \*\*Use .*adds [0-9.]+ \[[0-9.]+, [0-9.]+\] guest instr\. per ' "$GR"
check "report of an icount run: verdict tables in guest instructions, in-program time too" \
	grep -qF '| added guest instr./event [95% CI, this run] | another run [95%] | in-program guest instr. beyond `empty` |' "$GR"
check "report of an icount run: a wide-interval caveat in guest instructions, when there is one" \
	bash -c "! grep -q 'Wide intervals' '$GR' || grep -qE '^- \*\*Wide intervals\*\* .*[0-9]t [0-9.]+ guest instr\. wide' '$GR'"

have_gnuplot=$(command -v gnuplot >/dev/null && echo 1 || echo 0)
for set in base caveats; do
	cp -r "$FX/$set" "$WORK/$set"
	"$HB" report "$WORK/$set" >"$WORK/rep.out" 2>"$WORK/rep.err"
	rc=$?
	check "report $set: exit 0 (got $rc)" [ $rc -eq 0 ]
	check "report $set: the verdict table header: the ratio column is where another run's ratio lands" grep -q '^| hook | × vs tracepoint \[another run\] | added ns/event \[95% CI, this run\] | another run \[95%\] | in-program ns beyond `empty` | missed / dropped | attach point stability | cost lands |$' "$WORK/$set/report.md"
	check "report $set: the reference row reads reference, no ratio; one replicate: no between-run interval" grep -q '^| tracepoint | reference | [0-9.]* \[[0-9.]*, [0-9.]*\] | n/a (fewer than 3 replicates) |' "$WORK/$set/report.md"
	check "report $set: the kprobe is named as not measured, with the reason" grep -qF 'Not measured here: `kprobe` (kernel built without CONFIG_KPROBES' "$WORK/$set/report.md"
	check "report $set: the command that reproduces it" grep -q 'hookbench run --hooks tracepoint,raw_tp,kprobe' "$WORK/$set/report.md"
	check "report $set: the kernel and CPU" grep -q '^- Kernel: ' "$WORK/$set/report.md"
	if [ "$have_gnuplot" = 1 ]; then
		check "report $set: the charts are drawn and linked" grep -q '!\[.*\](charts/overhead.png)' "$WORK/$set/report.md"
	fi
	# The chart links depend on gnuplot being here; the rest must not change.
	grep -v '^!\[' "$WORK/$set/report.md" | cat -s >"$WORK/$set.md"
	check "report $set: as it reads (fixtures/reports/$set.md)" \
		diff -u "$FX/../reports/$set.md" "$WORK/$set.md"
done
check "report: emulated timings are a caveat" grep -q 'Emulated timings' "$WORK/caveats/report.md"
check "report: a CI wider than 10% is a caveat" grep -q 'Wide intervals\*\* .*: tracepoint/count/enoent/1t' "$WORK/caveats/report.md"
check "report: a mismatch is a caveat, with its reason" grep -q 'mismatch\*\*: raw_tp/count/enoent/2t: saw 41000' "$WORK/caveats/report.md"
check "report: and the decision block says so" grep -qF -- '- **Check before use**: 1 row failed or contaminated (Caveats); the whole-command cross-check disagrees: tp-loader:' "$WORK/caveats/report.md"
check "report: none of those for the clean run" bash -c "! grep -qE 'Emulated timings|Wide interval|mismatch\*\*|Cross-check (disagrees|inconclusive)' '$WORK/base/report.md'"
# The scratch directory's filesystem: tmpfs is a caveat, ext4 is not.
for fs in tmpfs ext4; do
	cp -r "$FX/base" "$WORK/scratch-$fs"
	python3 -c "import json, sys; p = sys.argv[1]; m = json.load(open(p)); m.setdefault('settings', {})['scratch_fs'] = sys.argv[2]; json.dump(m, open(p, 'w'))" \
		"$WORK/scratch-$fs/meta.json" "$fs"
	"$HB" report "$WORK/scratch-$fs" >/dev/null 2>&1
done
check "report: a workload on tmpfs is a caveat" grep -q '^- \*\*The workload ran on tmpfs\*\*: ' "$WORK/scratch-tmpfs/report.md"
check "report: on ext4 it is not" bash -c "[ -s '$WORK/scratch-ext4/report.md' ] && ! grep -q 'The workload ran on' '$WORK/scratch-ext4/report.md'"
check "report: the cross-check table, whole-command beside paired" \
	grep -qxF '| tp-loader | tracepoint | 398.8 [320.2, 436.3] | 10 of 10 | 403.1 [395.1, 411.2] (this run) | yes |' "$WORK/base/report.md"
check "report: a loader that cannot run here is not given figures" \
	grep -qxF '| kprobe-loader | kprobe | not run here | | | |' "$WORK/base/report.md"
check "report: BPF programs already on the syscall path are a caveat, each named with where it is" \
	grep -qF -- '- **BPF programs already on the syscall path**: 2 programs were attached before the run started, so the baseline includes their cost: id 41, tracepoint `agent_unlinkat` at `syscalls/sys_enter_unlinkat`; id 57, kprobe `agent_'"'"'probe'"'"'` at `do_unlinkat`.' "$WORK/caveats/report.md"
check "report: an empty syscall_path_programs list is no caveat" \
	bash -c "grep -q '\"syscall_path_programs\": \[\]' '$FX/base/meta.json' && ! grep -q 'already on the syscall path' '$WORK/base/report.md'"
cp -r "$FX/tripled" "$WORK/tripled"
"$HB" report "$WORK/tripled" >/dev/null 2>&1
grep -v '^!\[' "$WORK/tripled/report.md" | cat -s >"$WORK/tripled.md"
check "report tripled: as it reads (fixtures/reports/tripled.md)" diff -u "$FX/../reports/tripled.md" "$WORK/tripled.md"
check "report: without syscall_path_programs in meta.json, no caveat either" \
	bash -c "! grep -q syscall_path_programs '$FX/tripled/meta.json' && grep -q '^## Caveats' '$WORK/tripled/report.md' && ! grep -q 'already on the syscall path' '$WORK/tripled/report.md'"
check "report: real timings are called real" grep -qxF -- '- Timing: real, not emulated' "$WORK/base/report.md"
check "report: emulated ones are called emulated" grep -qxF -- '- Timing: emulated: not comparable to hardware' "$WORK/caveats/report.md"
check "report: the reproduce steps include hyperfine when it ran" grep -qx 'build/bench/hookbench hyperfine DIR' "$WORK/base/report.md"
check "report: each row says where its cost lands" \
	grep -qF '| stable ABI (raw tracepoint, all syscalls): `sys_enter` | every syscall |' "$WORK/base/report.md"
check "report: a legend says what the cost-lands classes mean" grep -q '^Cost lands says who pays' "$WORK/base/report.md"

# The guest half (DIR/vm/, as scripts/run leaves it): a section of its own,
# labelled as instruction-count time, its rows never among the host's.
cp -r "$FX/base" "$WORK/withvm"
cp -r "$FX/guest" "$WORK/withvm/vm"
"$HB" report "$WORK/withvm" >/dev/null 2>&1
check "report with vm/: the emulated section, named by the guest kernel" \
	grep -qx '## Emulated kernel: Debian 6.12.117+deb12-cloud-amd64, QEMU TCG -icount' "$WORK/withvm/report.md"
check "report with vm/: labelled as guest instructions, one per virtual ns" \
	grep -q '^\*\*Figures are guest instructions, not host time; never compare them with the host rows.\*\* Under `-icount shift=0` one virtual ns is one guest instruction' "$WORK/withvm/report.md"
check "report with vm/: the guest's kprobe row, with its count and where its cost lands" \
	grep -qF '| kprobe | count/enoent/1t | 390.1 [361.8, 400.4]† | 0.88× [0.73, 1.03] | 54144 / 54144 | `do_unlinkat` (ftrace) | this call only |' "$WORK/withvm/report.md"
check "report with vm/: the guest's reference row reads reference" \
	grep -qF '| tracepoint | count/enoent/1t | 440.8 [428.9, 444.8]† | reference |' "$WORK/withvm/report.md"
check "report with vm/: the guest's control excludes 0: it says so, and that the marked figures carry it" \
	grep -qF 'Control (nothing attached, none/enoent): -34.8 [-47.1, -18.3] guest instructions, on a baseline of 3801 guest instructions per unlinkat() call. Its interval excludes 0: the hooked slot of a pair differs from its baseline slot by that much with nothing attached, so every figure of mode `enoent` (marked †) carries about -34.8 guest instructions that is not the hook'"'"'s.' "$WORK/withvm/report.md"
check "report with vm/: the host's kprobe stays unmeasured in the host tables" \
	grep -qF 'Not measured here: `kprobe` (kernel built without CONFIG_KPROBES' "$WORK/withvm/report.md"
check "report with vm/: the decision block gives the guest's kprobe, calibrated, with the guest's bias" \
	grep -qF '; in an emulated Debian guest (6.12 for a 6.18 host: 6 minor versions apart) it costs 0.88× the `tracepoint` per `unlinkat()` in guest instructions, [0.71, 1.78] once widened by the proxy'"'"'s error on 1 hook measured here and there: indistinguishable from it (the guest'"'"'s control, nothing attached, excludes 0: its figures carry that bias).' "$WORK/withvm/report.md"
check "report with vm/: nothing else changes (the host part reads as base's)" \
	bash -c "diff -q <(sed '/^## Emulated kernel/,/^## /{/^## Whole/!d}; /^- \*\*The kprobe/d' '$WORK/withvm/report.md' | grep -v '^!\[' | cat -s) <(sed '/^## Emulated kernel/,/^## /{/^## Whole/!d}; /^- \*\*The kprobe/d' '$WORK/base.md' | grep -v '^!\[' | cat -s)"
cp -r "$FX/base" "$WORK/missing"
echo "hookbench vm --kernel debian-6.12-cloud failed: qemu-system-x86_64 is missing" >"$WORK/missing/vm.missing"
"$HB" report "$WORK/missing" >/dev/null 2>&1
check "report with vm.missing: says the guest half is missing, and why" \
	grep -q '^The kprobe half in a stock Debian kernel under QEMU is missing: hookbench vm .*qemu-system-x86_64 is missing\.$' "$WORK/missing/report.md"
check "report without vm/ on a host that lacked kprobes: says how to get it" \
	bash -c "grep -q '^## Emulated kernel: not measured' '$WORK/base/report.md' && grep -q 'scripts/run. measures it by default' '$WORK/base/report.md'"
cp -r "$FX/guest" "$WORK/novm"
"$HB" report "$WORK/novm" >/dev/null 2>&1
check "report without vm/ when every hook on a function ran (the guest's own): no emulated section" \
	bash -c "! grep -q 'Emulated kernel' '$WORK/novm/report.md'"
"$HB" report "$FX/malformed-row" >/dev/null 2>"$WORK/rep.err"
check "report on a malformed summary.csv: exit 2" [ $? -eq 2 ]

if [ "$have_gnuplot" = 1 ]; then
	cp -r "$FX/base" "$WORK/plot"
	"$HB" plot "$WORK/plot" >/dev/null 2>"$WORK/plot.err"
	check "plot: exit 0" [ $? -eq 0 ]
	for chart in overhead breakdown blocks threads missed; do
		check "plot: $chart.png is a PNG" bash -c "head -c 8 '$WORK/plot/charts/$chart.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
		check "plot: $chart.svg is an SVG" grep -q '<svg' "$WORK/plot/charts/$chart.svg"
	done
	check "plot: the overhead chart leaves the unsupported kprobe out" bash -c "! grep -q kprobe '$WORK/plot/charts/overhead.dat'"
	check "plot: and names it under the chart" grep -q 'Absent: kprobe' "$WORK/plot/charts/overhead.svg"
	check "plot: the title names kernel and CPU" grep -q "Linux $(sed -n 's/.*"release": "\(.*\)",/\1/p' "$FX/base/meta.json" | head -1)" "$WORK/plot/charts/overhead.svg"
	"$HB" plot "$WORK/no-such-dir" >/dev/null 2>&1
	check "plot: a missing directory is exit 2" [ $? -eq 2 ]
else
	N=$((N + 1)); echo "ok $N # SKIP gnuplot is not installed"
fi
done_testing
