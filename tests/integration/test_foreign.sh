#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Foreign programs: one that tp-loader attached on sys_enter_unlinkat before
# the run makes hookbench run refuse (nothing written) unless --allow-foreign,
# which records it; one attached mid-run makes the rows 'contaminated' (exit 3).
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
RUN=(run --hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1)
trap 'stop_loader; rm -rf "$WORK"' EXIT

# py EXPR DIR: evaluate EXPR with meta (meta.json) and rows (summary.csv) of DIR.
py() {
	"$PYTHON" -c 'import csv, json, sys
meta = json.load(open(sys.argv[2] + "/meta.json"))
rows = list(csv.DictReader(open(sys.argv[2] + "/summary.csv")))
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" "$2"
}

leak_check_begin
start_loader
check "tp-loader attached a link (prog ${prog:-none})" [ -n "$prog" ]

"$HB" "${RUN[@]}" --out "$WORK/refused" >"$WORK/refused.out" 2>"$WORK/refused.err"
rc=$?
check "with a foreign program attached, run refuses with exit 1 (got $rc)" [ $rc -eq 1 ]
check "nothing is written: no DIR, no DIR.partial" \
	bash -c "[ ! -e '$WORK/refused' ] && [ ! -e '$WORK/refused.partial' ]"
check "stderr lists the program, where it is attached and its owner" \
	grep -qx "hookbench:   prog $prog tracepoint hb_tracepoint on tracepoint:syscalls:sys_enter_unlinkat, pid $loader (tp-loader)" "$WORK/refused.err"
check "and names --allow-foreign" grep -q -- '--allow-foreign' "$WORK/refused.err"
diag "$WORK/refused.err"

"$HB" "${RUN[@]}" --allow-foreign --out "$WORK/allowed" >/dev/null 2>"$WORK/allowed.err"
rc=$?
check "with --allow-foreign it runs (exit $rc)" [ $rc -eq 0 ]
check "meta.json's foreign_programs names it with its owner" \
	py "any(p['id'] == $prog and p['pid'] == $loader and p['comm'] == 'tp-loader' and p['name'] == 'hb_tracepoint' and p['attach'] == 'tracepoint:syscalls:sys_enter_unlinkat' for p in meta['foreign_programs']) and meta['allow_foreign'] is True" "$WORK/allowed"
check "summary.csv's foreign_programs column (before unit) counts it on every row" \
	py "list(rows[0])[-2:] == ['foreign_programs', 'unit'] and all(int(r['foreign_programs']) >= 1 for r in rows)" "$WORK/allowed"
"$HB" report "$WORK/allowed" >/dev/null 2>&1
check "report.md has a caveat naming it and saying the figures are marginal costs" \
	bash -c "grep -F -- '- **Foreign BPF programs** (\`--allow-foreign\`)' '$WORK/allowed/report.md' | grep -F 'id $prog, tracepoint \`hb_tracepoint\`' | grep -q 'marginal cost'"
stop_loader

# Mid-run: long enough (100 rounds) that tp-loader attaches while it measures.
"$HB" run --hooks tracepoint --blocks 200 --ops-per-block 1000 --warmup 1 --stats-blocks 1 \
	--out "$WORK/mid" >/dev/null 2>"$WORK/mid.err" &
run=$!
for _ in $(seq 300); do # until round 3 is in runs.csv
	[ -f "$WORK/mid.partial/runs.csv" ] && awk -F, 'NR > 1 && $1 >= 3 { f = 1 } END { exit !f }' "$WORK/mid.partial/runs.csv" && break
	sleep 0.1
done
start_loader
wait $run
rc=$?
stop_loader
check "a run that a foreign program joined mid-run exits 3 (got $rc)" [ $rc -eq 3 ]
check "its rows are 'contaminated', the reason naming the rounds and the program" \
	py "rows and all(r['status'] == 'contaminated' and 'in rounds' in r['reason'] and 'tp-loader' in r['reason'] for r in rows)" "$WORK/mid"
check "meta.json's foreign_programs_mid_run has it, when and from which round" \
	py "[p['id'] for p in meta['foreign_programs_mid_run']] == [$prog] and meta['foreign_programs_mid_run'][0]['rounds_from'] >= 1 and meta['foreign_programs'] == []" "$WORK/mid"
check "stderr warned when it appeared" grep -q "appeared before round .*prog $prog " "$WORK/mid.err"
"$HB" report "$WORK/mid" >/dev/null 2>&1
check "report.md says when: first seen, rounds" \
	bash -c "grep -F -- '- **Contaminated**: a BPF program not started by this run appeared mid-run' '$WORK/mid/report.md' | grep -q 'first seen .*, before round [0-9]*; the rows measured in rounds [0-9]*-[0-9]*'"
leak_check_end "runs and loaders, stopped"
done_testing
