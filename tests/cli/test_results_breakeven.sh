#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# report and plot on a run with enoent, other and other_remote rows
# (fixtures/results/breakeven): the verdict the page opens with, the
# Break-even section and the break-even chart.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures")
have_gnuplot=$(command -v gnuplot >/dev/null && echo 1 || echo 0)

cp -r "$FX/results/breakeven" "$WORK/be"
"$HB" report "$WORK/be" >/dev/null 2>"$WORK/be.err"
rc=$?
R="$WORK/be/report.md"
check "report: exit 0 (got $rc)" [ $rc -eq 0 ]
# The decision block: the lines from the payload line to the first blank line after it.
sed -n '4,/^$/p' "$R" | grep -v '^$' >"$WORK/first"
check "report: the page opens with the decision block, at most five lines, each a point" \
	bash -c "sed -n 5p '$R' | grep -q '^- \*\*Use ' && [ \$(wc -l <'$WORK/first') -le 5 ] && ! grep -qv '^- ' '$WORK/first'"
check "report: the first screen, everything above the appendix, is at most 60 lines" \
	bash -c "n=\$(awk '/^## Appendix\$/ { print NR - 1; exit }' '$R'); [ -n \"\$n\" ] && [ \"\$n\" -le 60 ]"
check "report: which names the hook to use at the default share, with its average cost" \
	grep -qF -- '- **Use `tracepoint_exit`** where `unlinkat()` is 1% of all syscalls (the default; measure yours with `hookbench mix`): on average `tracepoint_exit` adds 7.1 [3.9, 10.3] ns per syscall.' "$WORK/first"
check "report: where that flips, in its band, with its interval, and the tie beyond it" \
	grep -qF -- '- **It flips in the 50–100% band** of `unlinkat()`'"'"'s share (`tracepoint_exit` and `tp_btf` cross at 74.3% [63.3%, 86.7%]); at 100%, `raw_tp` or `tp_btf` is the cheaper choice.' "$WORK/first"
check "report: the kprobe could not run here; why is said once, under the table" \
	bash -c "grep -qxF -- '- **The kprobe could not run here**.' '$WORK/first' && grep -c 'CONFIG_KPROBES' '$R' | grep -qx 1"
check "report: the decision table, cheapest at the share first, other_remote named where it is the worse" \
	grep -qxF '| tracepoint | 220.0 [206.8, 233.2] | 15% | 18.0 [13.1, 22.9] (from another CPU) | every task on the slow path | stable ABI (tracepoint) | unlinkat(2) only (compat could not run here) | no |' "$R"
check "report: the blocking line, when no hook that ran could block" \
	grep -qxF -- '- **To block**: no hook tried here did (their `deny` program did not stop a removal; appendix: What each hook sees).' "$WORK/first"
check "report: a hook whose deny proof did not run has no can-block answer" \
	grep -qE '^\| tp_btf \|.*\| unlinkat\(2\) only \(compat could not run here\) \| — \|$' "$R"
sed -n '/^## What each hook sees and whether it can block$/,/^## /p' "$R" >"$WORK/coverage"
check "report: the coverage table, seen of expected for a name that exists and one that does not" \
	grep -qxF '| raw_tp | 0/8 · 0/8 | 8/8 · 8/8 | 8/8 · 8/8 | 0/8 · 0/8 | 0/8 · 0/8 | 0/8 · 0/8 | not run · not run | not run · not run | not run · not run | not run · not run | unlinkat(2) only (compat could not run here) |' "$WORK/coverage"
check "report: the paths that could not run, once, with their reason" \
	grep -qxF 'Not run here: `compat_unlink`, `compat_unlinkat`, `compat_unlinkat_dir`, `compat_rmdir` (this kernel runs no 32-bit code (int $0x80 killed a probe with SIGSEGV)).' "$WORK/coverage"
check "report: the deny proof per hook, with what happened" \
	grep -qxF -- '- **no**: `tracepoint`, `tracepoint_exit`, `raw_tp`: unlinkat(hookbench-deny-0) went through, the file was removed, though the program refused it; the 3 other names were removed' "$WORK/coverage"
check "report: the unsupported hooks on one line, with reasons" \
	grep -qxF 'Not measured here: `fentry` (kernel refuses BPF trampolines (fentry attach: ENOTSUPP)); `kprobe` (kernel built without CONFIG_KPROBES (no kprobe PMU, no kprobe_events)).' "$R"
check "report: a Break-even section" grep -qx '## Break-even' "$R"
sed -n '/^## Break-even$/,/^## /p' "$R" >"$WORK/section"
check "report: the pairs' crossings" \
	grep -qF '| tp_btf | tracepoint_exit | they cross at an unlinkat share of 74.3% [63.3%, 86.7%]: below it tracepoint_exit costs less in total, above it tp_btf |' "$WORK/section"
check "report: each measured hook's E, O and totals per 1000 syscalls at 1%, 10% and 100%" \
	grep -qxF '| tracepoint | 220.0 [206.8, 233.2] | 18.0 [13.1, 22.9] (`other_remote`, the worse of the two) | 20.02 [15.04, 25.00] | 38.20 [32.47, 43.93] | 220.00 [206.80, 233.20] |' "$WORK/section"
check "report: a pair that does not cross, and may within the intervals" \
	grep -qF '| tracepoint_exit | tracepoint | no crossing: tracepoint_exit costs less (or the same) at every share (though within the intervals they may cross) |' "$WORK/section"
check "report: and are in no row of it" bash -c "! grep -qE '^\| (fentry|kprobe) ' '$WORK/section'"

cp -r "$FX/results/base" "$WORK/base"
"$HB" report "$WORK/base" >/dev/null 2>&1
check "report without other rows: the section says how to get them" \
	grep -qF '`hookbench run --mode enoent,other` measures both' "$WORK/base/report.md"
check "report without other rows: so does the decision, judged per unlinkat alone" \
	grep -qF -- '- **Use `raw_tp`**, judged per `unlinkat()` call alone: `raw_tp` adds 264.4 [259.1, 269.7] ns per call. This run did not measure other syscalls' "$WORK/base/report.md"

# The same run relabelled as a QEMU -icount one (no unit column: the unit comes from meta.json's timing).
as_icount "$FX/results/breakeven" "$WORK/icount"
check_icount_report "$WORK/icount" "an icount run"
RI=$WORK/icount/report.md
check "report of an icount run: the decision's average cost in guest instructions" \
	grep -qE -- '^- \*\*Use .*adds [0-9.]+ \[[0-9.]+, [0-9.]+\] guest instr\. per syscall\.$' "$RI"
check "report of an icount run: the decision table in guest instructions" \
	grep -qF '| hook | added guest instr. per `unlinkat()` [another run] | % of the bare call | added guest instr. per other syscall [another run] |' "$RI"
check "report of an icount run: break-even's method and table in guest instructions" \
	bash -c "grep -q '^A hook adds E guest instructions to each' '$RI' && grep -qF '| hook | guest instr. per \`unlinkat()\` | guest instr. per other syscall | thousand guest instr. per 1000 syscalls at 1% unlinkat |' '$RI'"

if [ "$have_gnuplot" = 1 ]; then
	"$HB" plot "$WORK/be" >/dev/null 2>"$WORK/plot.err"
	check "plot: exit 0" [ $? -eq 0 ]
	check "plot: breakeven.png is a PNG" bash -c "head -c 8 '$WORK/be/charts/breakeven.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
	check "plot: breakeven.svg is an SVG" grep -q '<svg' "$WORK/be/charts/breakeven.svg"
	D="$WORK/be/charts/breakeven.dat"
	check "plot: one series per measured hook, cheapest per unlinkat first" \
		bash -c "grep '^# ' '$D' | paste -sd, | grep -qx '# share 0.01,# tp_btf,# raw_tp,# tracepoint_exit,# tracepoint'"
	check "plot: a series starts at 0.1% with the total and its band (µs per 1000 syscalls)" \
		grep -qx '0.001 135.035 125.634 144.436' "$D"
	check "plot: and ends at 100%, where it is the cost per unlinkat" grep -qx '1 215.000 202.100 227.900' "$D"
	check "plot: the unsupported hooks are left out of the data" bash -c "! grep -qE 'fentry|kprobe' '$D'"
	check "plot: and named under the chart" grep -q 'Absent: fentry, kprobe (unsupported here)' "$WORK/be/charts/breakeven.svg"
	"$HB" report "$WORK/be" >/dev/null 2>&1
	check "report: links the chart" grep -qF '](charts/breakeven.png)' "$R"
	check "plot: the chart marks the share decided at" grep -qF '1% unlinkat (the default)' "$WORK/be/charts/breakeven.svg"
	check "plot: and the decision's crossing" grep -qF 'tracepoint_exit and tp_btf cross at 74.3% [63.3%, 86.7%]' "$WORK/be/charts/breakeven.svg"
	"$HB" plot "$WORK/base" >/dev/null 2>&1
	check "plot: no break-even chart without other rows" bash -c "[ ! -e '$WORK/base/charts/breakeven.png' ]"
else
	N=$((N + 1)); echo "ok $N # SKIP gnuplot is not installed"
fi

# A hook below the lookup (lsm) in mode enoent: ok, no event expected, about
# 0 ns. It must not win the decision: it never ran on those calls.
cp -r "$FX/results/breakeven" "$WORK/nofire"
python3 - "$WORK/nofire/summary.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.DictReader(open(path)))
extra = []
for r in rows:
    if r["hook"] == "tracepoint" and r["mode"] in ("enoent", "other"):
        n = dict(r, hook="lsm", events_expected="0", events_seen="0", overhead_ns_per_event="0.5",
                 ci95_low_ns="-1.0", ci95_high_ns="2.0", between_run_low_ns="-2.0", between_run_high_ns="3.0")
        extra.append(n)
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows + extra)
PY
"$HB" report "$WORK/nofire" >/dev/null 2>&1
check "report: a hook that never fired on the calls measured is not picked" \
	grep -qF -- '- **Use `tracepoint_exit`** where' "$WORK/nofire/report.md"
check "report: it is on the not-measured line, with why" \
	grep -qF '`lsm` (it fires only when a name is removed; mode `create` or `churn` measures it)' "$WORK/nofire/report.md"
done_testing
