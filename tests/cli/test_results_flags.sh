#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# report on summary.csv's flags and earlier_runs (schema 6): a copy of
# fixtures/results/breakeven edited as the engine writes them: a biased
# control, a reference that adds about 0, a cost below zero, an interval
# widened to the instrument's resolution, and intervals with or without the
# run-to-run spread of earlier runs.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures")

# flagged DIR EARLIER: the breakeven fixture in DIR, flagged, earlier_runs = EARLIER on every
# row with an interval (the other rows' earlier_runs 2, so that "EARLIER" 4 gives a range).
flagged() {
	rm -rf "$1"
	cp -r "$FX/results/breakeven" "$1"
	python3 - "$1" "$2" <<'PY'
import csv, json, sys
d, earlier = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(d + "/summary.csv", newline="")))
cols = list(rows[0].keys())
def flag(r, word):
    r["flags"] = ";".join([f for f in r["flags"].split(";") if f] + [word])
for r in rows:
    key = (r["hook"], r["mode"])
    if r["mode"] == "enoent":
        flag(r, "control_biased")  # the enoent control excludes 0: every enoent row carries it
    if key == ("none", "enoent"):
        r.update(overhead_ns_per_event="3.1", ci95_low_ns="1.2", ci95_high_ns="5.0")
    if r["mode"] == "other" and r["hook"] != "none" and r["status"] == "ok":
        flag(r, "reference_not_above_zero")  # the tracepoint's other CI reaches 0: no ratio
        r.update(ratio_vs_reference="", ratio_between_run_low="", ratio_between_run_high="",
                 ratio_earlier_runs="")
    if key == ("tracepoint", "other"):
        r.update(ci95_low_ns="-1.0")
    if key == ("tracepoint_exit", "other_remote"):
        flag(r, "below_zero")
        r.update(overhead_ns_per_event="-2.0", ci95_low_ns="-3.5", ci95_high_ns="-0.5",
                 total_ns_per_event="-2.0")
    if key == ("tp_btf", "other_remote"):
        flag(r, "at_resolution")  # narrower than a tick: widened to 133.0 ± 0.02
        r.update(between_run_low_ns="132.98", between_run_high_ns="133.02")
    if r["between_run_low_ns"]:
        r["earlier_runs"] = earlier if r["mode"] != "other_remote" else min(earlier, "2")
    if r["ratio_between_run_low"]:
        r["ratio_earlier_runs"] = r["earlier_runs"]
w = csv.DictWriter(open(d + "/summary.csv", "w", newline=""), cols, lineterminator="\n")
w.writeheader()
w.writerows(rows)
m = json.load(open(d + "/meta.json"))
m["history"] = {"dir": "/results", "runs": int(earlier), "looked_at": int(earlier)}
json.dump(m, open(d + "/meta.json", "w"), indent=2)
PY
	"$HB" report "$1" >/dev/null 2>"$1.err"
	echo $?
}

rc=$(flagged "$WORK/flags" 4)
R=$WORK/flags/report.md
check "report of a flagged run: exit 0 (got $rc)" [ "$rc" = 0 ]
diag "$WORK/flags.err"
check "a biased control marks every figure of its mode with †" \
	grep -qF '| tp_btf | 0.77× [0.74, 0.80] | 170.0 [166.6, 173.4]† | [159.8, 180.2] |' "$R"
check "the reference's row too, and it reads reference, not a ratio" \
	grep -qF '| tracepoint | reference | 220.0 [215.6, 224.4]† |' "$R"
check "figures of another mode carry no mark" \
	bash -c "! sed -n '/mode .other., /,/mode .other_remote./p' '$R' | grep -q '†'"
check "a caveat says what † means: the control's bias, with its figure" \
	grep -qF -- '- **Pairing bias** († in the tables): with nothing attached, enoent, 1 thread, the paired difference is +3.1 ns [1.2, 5.0], not 0' "$R"
check "the decision table's figure carries the mark too" \
	grep -qF '| tp_btf | 170.0 [159.8, 180.2]† |' "$R"
check "a ratio whose reference adds about 0 is n/a, never a number" \
	grep -qF '| raw_tp | n/a (the reference adds too little here to divide by) | 140.0 [136.1, 143.9] |' "$R"
check "and no row of that table gives a ratio" \
	bash -c "! sed -n '/mode .other., /,/mode .other_remote./p' '$R' | grep -q '×  *\[\\|[0-9]×'"
check "a cost below zero is marked ‡" \
	grep -qF '| tracepoint_exit | 0.23× [0.11, 0.36] | -2.0 [-3.5, -0.5]‡ |' "$R"
check "and a caveat says what it means" \
	grep -qF -- '- **Below zero** (‡ in the tables): tracepoint_exit/count/other_remote/1t: the added cost'"'"'s 95% CI lies below 0' "$R"
check "an interval at the instrument's resolution keeps its width: [132.98, 133.02], not [133.0, 133.0]" \
	grep -qF '| tp_btf | 7.39× [6.60, 8.30] | 133.0 [129.1, 136.9] | [132.98, 133.02] |' "$R"
check "and a caveat names its row and the resolution" \
	grep -qF -- '- **At the instrument'"'"'s resolution**: tp_btf/count/other_remote/1t: a between-run interval came out narrower than the instrument resolves and is shown widened to it, one clock tick over a block.' "$R"
check "no interval anywhere reads [x, x]" \
	bash -c "! grep -qE '\[(-?[0-9.]+), \1\]' '$R'"
check "under the tables, once: the intervals include the spread of 2 to 4 earlier runs" \
	[ "$(grep -c '^The "another run" intervals include the run-to-run spread of 2 to 4 earlier runs like this one (rows differ)\.$' "$R")" = 1 ]
check "a caveat says where the earlier runs are and what the interval is, for ratios too" \
	grep -qF -- '- **Run-to-run spread from earlier runs** of this kind (same kernel build, CPU model, ops per block, blocks, clock) in /results: another run'"'"'s estimate is taken to land at this one ± t·sqrt(2·(run-level variance + within-run variance)), the run-level part from those runs and the within-run part from this run'"'"'s replicates, for added costs and ratios alike.' "$R"

rc=$(flagged "$WORK/alone" 0)
R=$WORK/alone/report.md
check "report with no earlier runs: exit 0 (got $rc)" [ "$rc" = 0 ]
check "the sentence under the tables says the intervals are this run's replicates alone, drift not in them" \
	grep -qxF 'The "another run" intervals come from this run'"'"'s replicates alone: no earlier runs like this one were found, so run-to-run drift (a shift that holds for a whole run) is not in them. Keep earlier runs in the same results directory, or pass `--history DIR`, and later runs'"'"' intervals include it.' "$R"
check "and no caveat claims earlier runs widen them" bash -c "! grep -q 'Run-to-run spread from earlier runs' '$R'"

# The same flags under -icount: the resolution is one guest instruction, the count exact.
as_icount "$WORK/flags" "$WORK/flags-icount"
python3 - "$WORK/flags-icount/meta.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["icount"] = True
json.dump(m, open(sys.argv[1], "w"), indent=2)
PY
"$HB" report "$WORK/flags-icount" >/dev/null 2>&1
check "under -icount the resolution caveat says one guest instruction, the count being exact" \
	grep -qF 'is shown widened to it, one guest instruction (under -icount the count is exact) over a block.' "$WORK/flags-icount/report.md"

done_testing
