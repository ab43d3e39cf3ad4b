#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# report, plot and compare on a run with replicates (fixtures/results/replicates):
# ranking by ratio, the noise floor, speed states, the paired breakdown (the
# hyperfine cross-check's cases are in test_crosscheck.sh).
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures")
have_gnuplot=$(command -v gnuplot >/dev/null && echo 1 || echo 0)

R=$(report_of rep)
check "report: exit 0 (got $(cat "$WORK/rep.rc"))" [ "$(cat "$WORK/rep.rc")" = 0 ]
check "report: the decision table gives each hook's figure with where another run lands" \
	grep -qF '| tracepoint | 403.1 [380.2, 428.9] |' "$R"
check "report: the table ranks by ratio: fentry (0.29×) before tp_btf (0.30×), though tp_btf adds less; no row for a hook that could not run" \
	bash -c "sed -n '/^### Payload .count./,/^### /p' '$R' | grep '^| [a-z_]* |' | cut -d'|' -f2 | tr -d ' ' | paste -sd, | grep -qx 'hook,fentry,tp_btf,raw_tp,tracepoint'"
check "report: a ratio row with the within-run CI and where another run lands" \
	grep -qF '| tp_btf | 0.30× [0.28, 0.32] | 118.2 [112.9, 123.6] | [104.7, 130.2] | +64.9 |' "$R"
check "report: the reference row reads reference, not a ratio" grep -qF '| tracepoint | reference | 403.1 [395.1, 411.2] |' "$R"
check "report: ring-buffer rows lead with the total, the reader's CPU included" \
	grep -qF '| tracepoint | reference | 1710.3 | 1435.9 [1407.2, 1464.6] | [1350.0, 1520.3] |' "$R"
check "report: the noise floor line" \
	grep -qxF 'Noise floor (nothing attached): +1.2 ns [-3.4, 5.0] — differences smaller than ~5.0 ns are not resolved by this run; between two runs, differences smaller than ~7.9 ns are not (where another run of nothing-attached should land: [-6.1, 7.9]).' "$R"
check "report: the control is in no verdict table, and no pairing bias when its interval holds 0" \
	bash -c "! grep -qE '^\| none \||Payload .none.|Pairing bias' '$R'"
check "report: the speed states caveat names the levels, how far apart, their shares" \
	grep -qF -- '- **Speed states**: the baseline ran at 2 distinct levels during this run. Baseline levels in the blocks of tracepoint/count/enoent/1t: state 1 at 1480.3 ns/op [1471.0, 1489.9], 62% of the run; state 2 at 1712.8 ns/op [1701.5, 1725.0], 15.7% slower than state 1, 38% of the run.' "$R"
check "report: and the reference hook's added cost in each state" \
	grep -qF '`tracepoint` adds 398.0 ns [389.5, 407.2] in state 1 and 455.1 ns [440.3, 470.8] in state 2.' "$R"
check "report: the speed states caveat says the figures are the headline state's" \
	grep -qF 'Every figure above and in summary.csv is state 1'"'"'s alone (62% of the run): the fastest state that held at least 10% of it' "$R"
check "report: the breakdown table, dispatch and body" \
	grep -qF '| fentry | 121.9 [117.0, 126.8] | 94.8 | 27.4 | 25.3 | 34.8 |' "$R"
check "report: a negative body, dispatch over the whole, says why" \
	grep -qF '| tp_btf | 118.2 [112.9, 123.6] | 121.3 | -3.1 | 30.4 | 64.9 | body below 0, so dispatch exceeds the whole:' "$R"
check "report: in-program time beside the empty program's floor, and beyond it" \
	grep -qxF '| raw_tp | 264.4 [259.1, 269.7] | 141.0 | 123.1 | 38.1 | 263.1 |  |' "$R"

rm -rf "$WORK/bias"
cp -r "$FX/results/replicates" "$WORK/bias"
sed -i 's/^none,none,enoent,1,ok,,40,2000,0,0,1488.20,1489.40,1.2,-3.4,5.0,/none,none,enoent,1,ok,,40,2000,0,0,1488.20,1492.40,4.2,2.1,6.3,/' "$WORK/bias/summary.csv"
# The engine flags every measured row of a biased mode; the report reads that flag.
sed -i '/,enoent,1,ok,/s/,,ns$/,control_biased,ns/' "$WORK/bias/summary.csv"
"$HB" report "$WORK/bias" >/dev/null 2>&1
check "report: a control interval that excludes 0 is a pairing-bias caveat" \
	grep -qF -- '- **Pairing bias** († in the tables): with nothing attached, the paired difference is +4.2 ns [2.1, 6.3], not 0' "$WORK/bias/report.md"
check "report: and the noise floor says it" grep -qF 'Noise floor (nothing attached): +4.2 ns [2.1, 6.3]' "$WORK/bias/report.md"

rm -rf "$WORK/badstates"
cp -r "$FX/results/replicates" "$WORK/badstates"
sed -i '1s/share_of_run/share/' "$WORK/badstates/states.csv"
"$HB" report "$WORK/badstates" >/dev/null 2>"$WORK/badstates.err"
rc=$?
check "report: a malformed states.csv is exit 2 (got $rc)" [ $rc -eq 2 ]
check "report: saying which column it lacks" grep -q 'states.csv: malformed: no column share_of_run' "$WORK/badstates.err"

"$HB" compare "$FX/results/replicates" "$WORK/bias" >"$WORK/cmp.out" 2>&1
rc=$?
check "compare: a moved control is no regression: exit 0 (got $rc)" [ $rc -eq 0 ]
check "compare: the control is listed, not judged" grep -qE '^none/none/enoent/1t .*control \(noise floor\), not judged$' "$WORK/cmp.out"

# The same run relabelled as a QEMU -icount one: every figure in guest instructions, none in ns.
as_icount "$FX/results/replicates" "$WORK/icount"
cp "$FX/hyperfine/inconclusive.csv" "$WORK/icount/hyperfine.csv"
"$HB" report "$WORK/icount" >/dev/null 2>"$WORK/icount.err"
rc=$?
check "report of an icount run: exit 0 (got $rc)" [ $rc -eq 0 ]
RI=$WORK/icount/report.md
check "report of an icount run: no figure in ns anywhere but the hyperfine section's (tables, reader, states)" \
	bash -c "! grep -v '^None: hyperfine.csv' '$RI' | grep -qE '\\bns\\b|µs'"
diag <(grep -v '^None: hyperfine.csv' "$RI" | grep -nE '\bns\b|µs')
check "report of an icount run: the reader's column and the in-program column in guest instructions" \
	grep -qF '| guest instr./event with the ring-buffer reader | added guest instr./event [95% CI, this run] | another run [95%] | in-program guest instr. beyond `empty` |' "$RI"
check "report of an icount run: the breakdown table's header" \
	grep -qxF '| hook | added guest instr./event [95% CI] | dispatch guest instr. | body guest instr. | in-program floor (`empty`) guest instr. | in-program beyond the floor guest instr. | note |' "$RI"
check "report of an icount run: speed-state levels in guest instructions per op" \
	grep -qE '^- \*\*Speed states\*\*: .*state 1 at [0-9.]+ guest instructions/op \[' "$RI"
check "report of an icount run: a hyperfine.csv (wall-clock ns) is not set beside guest instructions" \
	bash -c "! grep -q 'Whole-command cross-check' '$RI' && ! grep -q '^| loader | hook |' '$RI' && ! grep -q 'Cross-check\*\*' '$RI'"

if [ "$have_gnuplot" = 1 ]; then
	rm -rf "$WORK/plot"
	cp -r "$FX/results/replicates" "$WORK/plot"
	"$HB" plot "$WORK/plot" >/dev/null 2>"$WORK/plot.err"
	check "plot: exit 0" [ $? -eq 0 ]
	for chart in overhead breakdown blocks; do
		check "plot: $chart.png is a PNG" bash -c "head -c 8 '$WORK/plot/charts/$chart.png' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"
	done
	check "plot: no chart of hooks shows the control" bash -c "! grep -qw none '$WORK/plot/charts/overhead.dat' '$WORK/plot/charts/breakdown.dat'"
	check "plot: hooks sorted by ratio, fentry first" bash -c "head -1 '$WORK/plot/charts/overhead.dat' | grep -q '^\"fentry\"'"
	check "plot: the breakdown has whole, interval, dispatch, body, in-program per hook" \
		grep -qxF '1 "tp_btf" 118.200 112.900 123.600 121.300 -3.100 64.900' "$WORK/plot/charts/breakdown.dat"
	check "plot: the part larger than its whole is explained under the chart" \
		grep -q 'tp_btf: body &lt; 0, so dispatch > the whole' "$WORK/plot/charts/breakdown.svg"
	check "plot: in-program time drawn beyond the empty program's floor" \
		grep -q 'in-program beyond the empty program' "$WORK/plot/charts/breakdown.svg"
	check "plot: the blocks chart shades each speed state" \
		bash -c "grep -q 'speed state 1: baseline 1470.8-1489.7 ns, 62% of the run' '$WORK/plot/charts/blocks.svg' && grep -q 'speed state 2: baseline 1701.2-1724.7 ns, 38% of the run' '$WORK/plot/charts/blocks.svg'"
	"$HB" report "$WORK/plot" >/dev/null 2>&1
	check "report: links the charts with captions that say what they show" \
		bash -c "grep -qF '![Added cost split into dispatch and body, in-program time beyond the empty program beside](charts/breakdown.png)' '$WORK/plot/report.md' && grep -qF 'speed state' '$WORK/plot/report.md'"
else
	N=$((N + 1)); echo "ok $N # SKIP gnuplot is not installed"
fi
done_testing
