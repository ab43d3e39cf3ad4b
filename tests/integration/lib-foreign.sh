# SPDX-License-Identifier: GPL-2.0-only
# Shared by the foreign-program tests: the same checks whichever way the
# foreign program is attached (a BPF link, a bare perf event, bpftrace).
# Source it after setting BUILD and PYTHON.
. "$(dirname "$0")/../lib.sh"
require_bpf
RUN=(run --hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1)

# py EXPR DIR: evaluate EXPR with meta (meta.json) and rows (summary.csv) of DIR.
py() {
	"$PYTHON" -c 'import csv, json, sys
meta = json.load(open(sys.argv[2] + "/meta.json"))
rows = list(csv.DictReader(open(sys.argv[2] + "/summary.csv")))
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" "$2"
}

# foreign_checks WHAT START STOP: START attaches a foreign program on
# sys_enter_unlinkat and sets prog, owner (its pid), comm, type, name and
# attach as hookbench should report them; STOP detaches it. Checks that a
# run refuses while it is there, runs with --allow-foreign and says so in
# meta.json, summary.csv and report.md, and that one attached mid-run makes
# the rows 'contaminated' (exit 3). WHAT names the case in each check.
foreign_checks() {
	local what=$1 start=$2 stop=$3 d=$WORK/$1 rc
	mkdir -p "$d"
	$start
	check "$what: attached (prog ${prog:-none}, pid ${owner:-none})" [ -n "$prog" ] && [ -n "$owner" ]

	"$HB" "${RUN[@]}" --out "$d/refused" >"$d/refused.out" 2>"$d/refused.err"
	rc=$?
	check "$what: run refuses with exit 1 (got $rc)" [ $rc -eq 1 ]
	check "$what: nothing is written: no DIR, no DIR.partial" \
		bash -c "[ ! -e '$d/refused' ] && [ ! -e '$d/refused.partial' ]"
	check "$what: stderr names the program, where it is attached and its owner" \
		grep -qxF "hookbench:   prog $prog $type $name on $attach, pid $owner ($comm)" "$d/refused.err"
	check "$what: and names --allow-foreign" grep -q -- '--allow-foreign' "$d/refused.err"
	diag "$d/refused.err"

	"$HB" "${RUN[@]}" --allow-foreign --out "$d/allowed" >/dev/null 2>"$d/allowed.err"
	rc=$?
	check "$what: with --allow-foreign it runs (exit $rc)" [ $rc -eq 0 ]
	check "$what: meta.json's foreign_programs names it with its owner" \
		py "any(p['id'] == $prog and p['pid'] == $owner and p['comm'] == '$comm' and p['name'] == '$name' and p['attach'] == '$attach' for p in meta['foreign_programs']) and meta['allow_foreign'] is True" "$d/allowed"
	check "$what: summary.csv's foreign_programs column (before flags and unit) counts it on every row" \
		py "list(rows[0])[-3:] == ['foreign_programs', 'flags', 'unit'] and all(int(r['foreign_programs']) >= 1 for r in rows)" "$d/allowed"
	"$HB" report "$d/allowed" >/dev/null 2>&1
	check "$what: report.md has a caveat naming it and saying the figures are marginal costs" \
		bash -c "grep -F -- '- **Foreign BPF programs** (\`--allow-foreign\`)' '$d/allowed/report.md' | grep -F 'id $prog, $type \`$name\` at \`$attach\` (pid $owner, $comm)' | grep -q 'marginal cost'"
	$stop

	# Mid-run: long enough (100 rounds) that the program attaches while it measures.
	"$HB" run --hooks tracepoint --blocks 200 --ops-per-block 1000 --warmup 1 --stats-blocks 1 \
		--out "$d/mid" >/dev/null 2>"$d/mid.err" &
	local run=$!
	for _ in $(seq 300); do # until round 3 is in runs.csv
		[ -f "$d/mid.partial/runs.csv" ] && awk -F, 'NR > 1 && $1 >= 3 { f = 1 } END { exit !f }' "$d/mid.partial/runs.csv" && break
		sleep 0.1
	done
	$start
	wait $run
	rc=$?
	$stop
	check "$what: a run that a foreign program joined mid-run exits 3 (got $rc)" [ $rc -eq 3 ]
	check "$what: its rows are 'contaminated', the reason naming the rounds and the program" \
		py "rows and all(r['status'] == 'contaminated' and 'in rounds' in r['reason'] and '($comm)' in r['reason'] for r in rows)" "$d/mid"
	check "$what: meta.json's foreign_programs_mid_run has it, when and from which round" \
		py "[p['id'] for p in meta['foreign_programs_mid_run']] == [$prog] and meta['foreign_programs_mid_run'][0]['rounds_from'] >= 1 and meta['foreign_programs'] == []" "$d/mid"
	check "$what: stderr warned when it appeared" grep -q "appeared before round .*prog $prog " "$d/mid.err"
	"$HB" report "$d/mid" >/dev/null 2>&1
	check "$what: report.md says when: first seen, rounds" \
		bash -c "grep -F -- '- **Contaminated**: a BPF program not started by this run appeared mid-run' '$d/mid/report.md' | grep -q 'first seen .*, before round [0-9]*; the rows measured in rounds [0-9]*-[0-9]*'"
}
