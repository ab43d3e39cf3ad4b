#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Under --timing icount one virtual ns is one guest instruction: in a guest,
# loops of known instruction counts advance the TSC (the clocksource) by one
# tick per instruction; and a `--timing icount` run labels its figures
# "guest instructions" in summary.csv, runs.csv, states.csv and meta.json.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}
CAL=$BUILD/tests/icount-calibrate
[ -x "$CAL" ] || skip_all "no static icount-calibrate in $BUILD"

"$HB" vm --kernel "$KERNEL" --timing icount --guest-script "$(dirname "$0")/guest-icount.sh" \
	--guest-file "$CAL" --out "$WORK/cal" 2>"$WORK/err"
rc=$?
check "the calibration guest exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
check "the guest's clocksource is tsc" grep -qx tsc "$WORK/cal/clocksource"
# The fewest TSC ticks per instruction of each loop and size: a loop no
# other task interrupted. Counts, not timings: -icount makes them exact.
check "every loop advanced the TSC by 1.000 ± 0.001 ticks per instruction (its best of 3)" \
	"$PYTHON" -c '
import csv, sys, collections
best = collections.defaultdict(lambda: 9.0)
for r in csv.DictReader(open(sys.argv[1])):
    k = (r["loop"], r["iterations"])
    best[k] = min(best[k], float(r["tsc_per_insn"]))
print("# tsc ticks per instruction:", dict(best), file=sys.stderr)
sys.exit(0 if len(best) == 9 and all(abs(v - 1) <= 0.001 for v in best.values()) else 1)
' "$WORK/cal/calibrate.csv"

"$HB" vm --kernel "$KERNEL" --timing icount --hooks tracepoint --payload count --no-control \
	--blocks 6 --ops-per-block 200 --warmup 0 --stats-blocks 0 --out "$WORK/run" 2>"$WORK/err"
rc=$?
check "a --timing icount run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
check "summary.csv, runs.csv and states.csv say unit 'guest instructions'; meta.json too" \
	"$PYTHON" -c '
import csv, json, sys
d = sys.argv[1]
rows = [r for f in ("summary.csv", "runs.csv", "states.csv") for r in csv.DictReader(open(f"{d}/{f}"))]
meta = json.load(open(f"{d}/meta.json"))
ok = rows and all(r["unit"] == "guest instructions" for r in rows)
sys.exit(0 if ok and meta["unit"] == "guest instructions" and meta["icount"] is True else 1)
' "$WORK/run"
check "the guest ran hookbench run --icount" grep -q -- '--icount' "$WORK/run/meta.json"
done_testing
