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
# The first paragraph: line 3, right under the title.
sed -n 3p "$R" >"$WORK/first"
check "report: the page opens with the verdict" grep -q '^\*\*Verdict\*\*: ' "$WORK/first"
check "report: which names the cheapest hook per unlinkat" \
	grep -qF 'per `unlinkat()` call the cheapest hook measured is **tp_btf** (170.0 ns, payload `count`)' "$WORK/first"
check "report: what the tracepoint adds per unlinkat and per other syscall, other_remote being worse" \
	grep -qF 'the `sys_enter_unlinkat` tracepoint adds 220.0 ns per `unlinkat()` and 18.0 ns per other syscall (measured from another CPU, where it costs more)' "$WORK/first"
check "report: the kprobe, not measured here, with the reason" \
	grep -qF 'the kprobe: not measured here: kernel built without CONFIG_KPROBES' "$WORK/first"
check "report: and the share where the answer flips, with its interval" \
	grep -qF 'The answer flips at an unlinkat share of 74.3% [63.3%, 86.7%]: where fewer of all syscalls are `unlinkat()`, **tracepoint_exit** (5.0 ns per other syscall) costs less in total than tp_btf (135.0 ns)' "$WORK/first"
check "report: the ratio headline still follows" \
	bash -c "sed -n 5p '$R' | grep -qF 'the cheapest hook measured is **tp_btf**, 0.77× [0.74, 0.80]'"
check "report: a Break-even section" grep -qx '## Break-even' "$R"
sed -n '/^## Break-even$/,/^## /p' "$R" >"$WORK/section"
check "report: the lead pair, least collateral against cheapest per unlinkat" \
	grep -qF '**tracepoint_exit** (the least added to other syscalls) against **tp_btf** (the cheapest per `unlinkat()`): they cross at an unlinkat share of 74.3% [63.3%, 86.7%]: below it tracepoint_exit costs less in total, above it tp_btf.' "$WORK/section"
check "report: each measured hook's E, O and totals per 1000 syscalls at 1%, 10% and 100%" \
	grep -qxF '| tracepoint | 220.0 [206.8, 233.2] | 18.0 [13.1, 22.9] (`other_remote`, the worse of the two) | 20.02 [15.04, 25.00] | 38.20 [32.47, 43.93] | 220.00 [206.80, 233.20] |' "$WORK/section"
check "report: a pair that does not cross, and may within the intervals" \
	grep -qF '| tracepoint_exit | tracepoint | no crossing: tracepoint_exit costs less (or the same) at every share (though within the intervals they may cross) |' "$WORK/section"
check "report: the unsupported hooks are named under the section" \
	bash -c "grep -qF -- '- fentry: not measured here: kernel refuses BPF trampolines' '$WORK/section' && grep -qF -- '- kprobe: not measured here: kernel built without CONFIG_KPROBES' '$WORK/section'"
check "report: and are in no row of it" bash -c "! grep -qE '^\| (fentry|kprobe) ' '$WORK/section'"

cp -r "$FX/results/base" "$WORK/base"
"$HB" report "$WORK/base" >/dev/null 2>&1
check "report without other rows: the section says how to get them" \
	grep -qF '`hookbench run --mode enoent,other` measures both' "$WORK/base/report.md"
check "report without other rows: so does the verdict" \
	bash -c "sed -n 3p '$WORK/base/report.md' | grep -qF 'was not measured (\`hookbench run --mode enoent,other\`)'"

# The same run relabelled as a QEMU -icount one (no unit column: the unit comes from meta.json's timing).
as_icount "$FX/results/breakeven" "$WORK/icount"
check_icount_report "$WORK/icount" "an icount run"
RI=$WORK/icount/report.md
check "report of an icount run: the verdict's costs per unlinkat and per other syscall in guest instructions" \
	bash -c "sed -n 3p '$RI' | grep -qE 'tracepoint adds [0-9.]+ guest instructions per .unlinkat\(\). and [0-9.]+ guest instructions per other syscall'"
check "report of an icount run: where the answer flips, in guest instructions" \
	bash -c "sed -n 3p '$RI' | grep -qE '\*\*tracepoint_exit\*\* \([0-9.]+ guest instructions per other syscall\) costs less in total than tp_btf \([0-9.]+ guest instructions\)'"
check "report of an icount run: break-even's method and table in guest instructions" \
	bash -c "grep -q '^A hook adds E guest instructions to each' '$RI' && grep -qF '| hook | guest instr. per \`unlinkat()\` | guest instr. per other syscall | thousand guest instr. per 1000 syscalls at 1% unlinkat |' '$RI'"

if [ "$have_gnuplot" = 1 ]; then
	"$HB" plot "$WORK/be" >/dev/null 2>"$WORK/plot.err"
	check "plot: exit 0" [ $? -eq 0 ]
	check "plot: breakeven.png is a PNG" bash -c "head -c 8 '$WORK/be/charts/breakeven.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
	check "plot: breakeven.svg is an SVG" grep -q '<svg' "$WORK/be/charts/breakeven.svg"
	D="$WORK/be/charts/breakeven.dat"
	check "plot: one series per measured hook, cheapest per unlinkat first" \
		bash -c "grep '^# ' '$D' | paste -sd, | grep -qx '# tp_btf,# raw_tp,# tracepoint_exit,# tracepoint'"
	check "plot: a series starts at 0.1% with the total and its band (µs per 1000 syscalls)" \
		grep -qx '0.001 135.035 125.634 144.436' "$D"
	check "plot: and ends at 100%, where it is the cost per unlinkat" grep -qx '1 215.000 202.100 227.900' "$D"
	check "plot: the unsupported hooks are left out of the data" bash -c "! grep -qE 'fentry|kprobe' '$D'"
	check "plot: and named under the chart" grep -q 'Absent: fentry, kprobe (unsupported here)' "$WORK/be/charts/breakeven.svg"
	"$HB" report "$WORK/be" >/dev/null 2>&1
	check "report: links the chart" grep -qF '](charts/breakeven.png)' "$R"
	"$HB" plot "$WORK/base" >/dev/null 2>&1
	check "plot: no break-even chart without other rows" bash -c "[ ! -e '$WORK/base/charts/breakeven.png' ]"
else
	N=$((N + 1)); echo "ok $N # SKIP gnuplot is not installed"
fi
done_testing
