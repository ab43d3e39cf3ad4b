#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The hyperfine cross-check on report.md, from fixture hyperfine.csv files
# (fixtures/hyperfine/) beside the replicates run: the rule it states, an
# agreement, a disagreement and a failure each with the cause the figures
# give, an old hyperfine.csv still read; and the loader's --timing checks.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures")

R=$(report_of agree agree)
check "agree: report exit 0 (got $(cat "$WORK/agree.rc"))" [ "$(cat "$WORK/agree.rc")" = 0 ]
check "the section states its rule: overlap with where another run lands, each at most ±25%" \
	grep -qF 'The two agree when that interval overlaps the interval where another paired run should land (this run'"'"'s own when it has no between-run interval) and neither is wider than ±25% of the paired estimate' "$R"
check "and that the loader's own loading and attaching are taken out, rounds kept by speed state" \
	bash -c "grep -qF 'Each loader times its own loading, attaching and detaching, and that is taken out' '$R' && grep -qF 'A round counts only when its bare command ran in the speed state of the paired figures' '$R'"
check "an interval that overlaps the paired between-run one agrees, with the rounds kept" \
	grep -qxF '| tp-loader | tracepoint | 398.8 [340.2, 436.3] | 20 of 22 | 403.1 [380.2, 428.9] | yes |' "$R"
check "the measured facts under it: rounds left out, bare speed, the loader's share taken out" \
	grep -qxF -- '- `tp-loader`: 20 of 22 rounds kept (2 left out: the bare command ran slower); the bare command ran at 1490 ns per call, the paired baseline at 1480; the loader'"'"'s own load, attach and detach, 39% of its command'"'"'s time, taken out.' "$R"
check "an agreement raises no cross-check caveat" bash -c "! grep -q 'Cross-check' '$R'"

# not_confirmed NAME WHAT ROW CAUSE: the report with fixtures/hyperfine/NAME.csv has
# the table row ROW and, under it, CAUSE as the loader's measured cause.
not_confirmed() {
	R=$(report_of "$1" "$1")
	check "$1: report exit 0" [ "$(cat "$WORK/$1.rc")" = 0 ]
	check "$2" grep -qxF "$3" "$R"
	check "$1: and the cause the figures give" grep -qxF -- "- \`tp-loader\`, not confirmed: $4." "$R"
}
not_confirmed disagree "an interval apart from the paired between-run one disagrees" \
	'| tp-loader | tracepoint | 520.4 [480.0, 560.2] | 20 of 20 | 403.1 [380.2, 428.9] | no |' \
	"the whole-command interval lies 51.1 ns above the paired one, with the bare command at 1500 ns per call (paired baseline 1480) in 20 of 20 rounds and the loader's own 38% of the hooked command taken out: no cause in these figures"
not_confirmed slow "too few rounds in the paired state: no interval" \
	'| tp-loader | tracepoint | 398.8 | 4 of 30 | 403.1 [380.2, 428.9] | no interval |' \
	"the bare command ran in the paired figures' speed state in only 4 of 30 rounds (26 slower), too few for an interval (6 needed)"

R=$(report_of inconclusive inconclusive)
check "inconclusive: a wide interval, however it lies, with its width" \
	grep -qxF '| tp-loader | tracepoint | 350.0 [120.5, 610.3] | 20 of 20 | 403.1 [380.2, 428.9] | inconclusive (interval ±244.9 ns, 60.8% of the estimate) |' "$R"

# A hyperfine.csv from before rounds were kept by state: every round counts, the within-run interval is used.
rm -rf "$WORK/old"
cp -r "$FX/results/replicates" "$WORK/old"
"$HB" report "$WORK/old" >/dev/null 2>&1
check "an older hyperfine.csv: every round kept, compared with this run's interval" \
	grep -qxF '| tp-loader | tracepoint | 398.8 [340.2, 436.3] | 10 of 10 | 403.1 [395.1, 411.2] (this run) | yes |' "$WORK/old/report.md"

"$HB" hyperfine --help >"$WORK/hf.help"
check "hyperfine --help states the rule, the state filter and the loader's time taken out" \
	bash -c "grep -q 'overlaps the paired between-run one' '$WORK/hf.help' && grep -q 'half-width, and the paired one.s, is at most 25% of the paired estimate' '$WORK/hf.help' && grep -q 'speed state' '$WORK/hf.help' && grep -q 'attaching and detaching' '$WORK/hf.help'"

"$BUILD/loaders/tp-loader" --timing "$WORK/t" >/dev/null 2>"$WORK/timing.err"
rc=$?
check "tp-loader --timing without a command: bad usage, exit 2 (got $rc)" \
	bash -c "[ $rc -eq 2 ] && grep -qF -- \"--timing '$WORK/t' needs a command\" '$WORK/timing.err' && [ ! -e '$WORK/t' ]"
"$BUILD/loaders/tp-loader" --help >"$WORK/loader.help"
check "tp-loader --help describes --timing" grep -q -- '--timing FILE  with CMD: append to FILE' "$WORK/loader.help"
done_testing
