#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench merge on fixture directories (tests/fixtures/merge): a host run
# and a VM matrix give one summary.csv with host, arch, kernel and source
# (and summary.json, the same rows typed);
# another schema version, missing columns and duplicates are refused or kept
# as documented; report and plot on the merged directory give the fleet
# page with the right numbers and the heat map's data.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures/merge")

merge() {
	"$HB" merge "$@" >"$WORK/merge.out" 2>"$WORK/merge.err"
	echo $?
}
# col FILE NAME: the values of column NAME of a CSV file, one per line.
col() {
	python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1])): print(r[sys.argv[2]])' "$1" "$2"
}

rc=$(merge "$FX/box-a" "$FX/vm-matrix" --out "$WORK/fleet")
check "merge a host run and a VM matrix: exit 0 (got $rc)" [ "$rc" = 0 ]
diag "$WORK/merge.err"
S=$WORK/fleet/summary.csv
check "one summary.csv and one meta.json" test -f "$S" -a -f "$WORK/fleet/meta.json"
CHECK_DIAG=$WORK/json.err check "summary.json holds summary.csv's rows field by field, typed (host, arch, source too)" \
	bash -c "python3 '$(dirname "$0")/../check_summary_json.py' '$WORK/fleet' 2>'$WORK/json.err'"
check "no .partial left" test ! -e "$WORK/fleet.partial"
check "7 host rows + 6 + 5 guest rows (the matrix's combined summary.csv is not counted twice)" \
	[ "$(col "$S" hook | wc -l)" = 18 ]
check "the 7.2 guest's extra column after the others, then host, arch and source" \
	bash -c "head -1 '$S' | grep -q ',foreign_programs,flags,unit,target,host,arch,source\$'"
check "each row keeps its run's unit: ns for the host run, guest instructions for the icount guests" \
	[ "$(paste -d: <(col "$S" host) <(col "$S" unit) | sort | uniq -c | awk '{$1=$1; print}' | tr '\n' ' ')" = "7 box-a:ns 11 qemu-tcg-icount:guest instructions " ]
check "every column of the sources is kept, the 7.2 guest's extra target column too" \
	bash -c "head -1 '$S' | grep -q '^hook,payload,mode,threads,status,.*,kernel,reference_hook,'"
check "host: the directory's name for the host run, qemu-tcg-icount for the guests" \
	[ "$(col "$S" host | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" = "box-a=7 qemu-tcg-icount=11 " ]
check "arch from meta.json" [ "$(col "$S" arch | sort -u)" = x86_64 ]
check "kernel: each source's kernel.release (the guest's own, not the runner's label)" \
	[ "$(col "$S" kernel | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" = "6.1.0-56-cloud-amd64=6 6.18.44-test=7 7.2.13+deb14-cloud-amd64=5 " ]
check "source numbers follow the order the sources were found" \
	[ "$(col "$S" source | uniq | tr '\n' ' ')" = "1 2 3 " ]
check "the extra column is empty in the rows of sources without it" \
	[ "$(paste -d, <(col "$S" source) <(col "$S" target) | sort -u | tr '\n' ' ')" = "1, 2, 3, 3,filename_unlinkat " ]
check "a note that target is not in every source" grep -q 'note: column target of .*debian-7.2-cloud/summary.csv is not in' "$WORK/merge.err"
check "a note for the failed kernel of the matrix" grep -q 'debian-sid-cloud.error: a kernel without results' "$WORK/merge.err"
check "the figures are copied as they were" \
	grep -q '^kprobe,count,enoent,1,ok,.*,0\.8100,0\.7300,0\.8600,' "$S"
python3 - "$WORK/fleet/meta.json" "$FX" >"$WORK/meta.check" 2>&1 <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
fx = sys.argv[2]
assert m["schema_version"] == 6, m["schema_version"]
s = m["fleet"]["sources"]
assert [e["path"] for e in s] == [fx + "/box-a", fx + "/vm-matrix/debian-6.1-cloud", fx + "/vm-matrix/debian-7.2-cloud"], s
assert [e["kind"] for e in s] == ["host", "vm", "vm"]
assert [e["rows"] for e in s] == [7, 6, 5]
assert s[1]["meta"]["vm"]["kernel_spec"] == "debian-6.1-cloud"
assert m["fleet"]["failed"][0]["error"].startswith("debian-sid-cloud: the guest wrote no results")
assert m["timing"].startswith("mixed")
assert m["command_line"].startswith("hookbench merge ")
PY
check "meta.json: schema version, each source with its path, kind, rows and own meta.json, the failed kernel" \
	bash -c "[ ! -s '$WORK/meta.check' ]"
diag "$WORK/meta.check"

rc=$(merge "$FX/box-a" "$FX/vm-matrix" --out "$WORK/fleet")
check "an existing --out is refused: exit 1 (got $rc)" [ "$rc" = 1 ]
check "saying so" grep -q "refusing to overwrite existing $WORK/fleet" "$WORK/merge.err"

rc=$(merge "$FX/box-a" "$FX/old-vm" --out "$WORK/mixed")
check "a source of an older schema: exit 1 (got $rc)" [ "$rc" = 1 ]
check "one line naming its meta.json and both versions" \
	bash -c "[ \$(wc -l <'$WORK/merge.err') = 1 ] && grep -q '$FX/old-vm/debian-6.1-cloud/meta.json: no schema_version (version 1), this hookbench reads 6' '$WORK/merge.err'"
check "nothing written" test ! -e "$WORK/mixed" -a ! -e "$WORK/mixed.partial"

rc=$(merge "$FX/box-a" "$FX/no-ratio-high" --out "$WORK/cols")
check "a summary.csv without a column of the schema: exit 1 (got $rc)" [ "$rc" = 1 ]
check "naming the directory and the column" \
	grep -q "$FX/no-ratio-high/summary.csv: malformed: no column ratio_between_run_high" "$WORK/merge.err"
mkdir -p "$WORK/nokernel"
cp "$FX/box-a/meta.json" "$FX/box-a/states.csv" "$WORK/nokernel/"
cut -d, -f1-17 "$FX/box-a/summary.csv" >"$WORK/nokernel/summary.csv"
rc=$(merge "$WORK/nokernel" --out "$WORK/cols")
check "a summary.csv without a fixed column: exit 1 (got $rc)" [ "$rc" = 1 ]
check "naming it" grep -q "nokernel/summary.csv: malformed: no column recursion_misses" "$WORK/merge.err"

rc=$(merge "$FX/box-a" "$FX/box-a/" --out "$WORK/dup")
check "one directory twice: exit 1 (got $rc)" [ "$rc" = 1 ]
check "said to be the same directory" grep -q 'are the same directory' "$WORK/merge.err"
cp -r "$FX/box-a" "$WORK/box-a-copy"
rc=$(merge "$FX/box-a" "$WORK/box-a-copy" --out "$WORK/dup")
check "a copy of the same run: exit 1 (got $rc)" [ "$rc" = 1 ]
check "said to hold the same run" grep -q 'hold the same run (equal summary.csv and meta.json' "$WORK/merge.err"
mkdir -p "$WORK/again"
cp -r "$FX/box-a" "$WORK/again/box-a"
sed -i 's/2026-12-01T10:00:00Z/2026-12-02T10:00:00Z/' "$WORK/again/box-a/meta.json"
rc=$(merge "$FX/box-a" "$WORK/again/box-a" --out "$WORK/dup")
check "two runs of one kernel on one host: both kept, exit 0 (got $rc)" [ "$rc" = 0 ]
check "with a note" grep -q 'both ran 6.18.44-test on box-a (x86_64): both kept, told apart by the source column' "$WORK/merge.err"
check "their rows told apart by source" [ "$(col "$WORK/dup/summary.csv" source | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" = "7 7 " ]

rc=$(merge "$FX" --out "$WORK/all")
check "a folder of directories: its run directories are the sources (box-a, no-ratio-high: refused, exit 1, got $rc)" [ "$rc" = 1 ]
check "the folder's run directories were read" grep -q "$FX/no-ratio-high/summary.csv: malformed: no column ratio_between_run_high" "$WORK/merge.err"
rc=$(merge "$FX/vm-matrix/summary.csv" --out "$WORK/x")
check "a file is not a results directory: exit 1 (got $rc)" [ "$rc" = 1 ]
mkdir -p "$WORK/bare" && cp "$FX/box-a/summary.csv" "$WORK/bare/"
rc=$(merge "$WORK/bare" --out "$WORK/x")
check "summary.csv without meta.json: exit 1 (got $rc)" [ "$rc" = 1 ]
check "saying meta.json is needed" grep -q 'summary.csv without meta.json: host, arch and kernel come from meta.json' "$WORK/merge.err"
rc=$(merge "$WORK/fleet" --out "$WORK/x")
check "a merged directory as a source is refused: exit 1 (got $rc)" [ "$rc" = 1 ]
check "pointing to its sources" grep -q 'is a merged fleet: merge the directories it was made from' "$WORK/merge.err"
rc=$(merge "$FX/box-a")
check "without --out: exit 2 (got $rc)" [ "$rc" = 2 ]

# The fleet page: columns sorted by arch and kernel version: K1 6.1 guest, K2 the host, K3 7.2 guest.
"$HB" report "$WORK/fleet" >"$WORK/rep.out" 2>"$WORK/rep.err"
rc=$?
check "report on the merged directory: exit 0 (got $rc)" [ $rc -eq 0 ]
diag "$WORK/rep.err"
R=$WORK/fleet/report.md
check "the fleet page's title" grep -q '^# What hooking `unlinkat()` costs across a fleet: 3 kernel runs$' "$R"
check "the kernels in version order, with the symbol the kprobe family attached to" \
	bash -c "grep -q '^| K1 | \`6.1.0-56-cloud-amd64\` | x86_64 | qemu-tcg-icount | icount: guest instructions (QEMU -icount shift=0), not time | tracepoint | \`do_unlinkat\` | yes (\`do_unlinkat\`) |\$' '$R' &&
		 grep -q '^| K2 | \`6.18.44-test\` | x86_64 | box-a | wall-clock ns | tracepoint | none: did not attach (below) | no (below) |\$' '$R' &&
		 grep -q '^| K3 | \`7.2.13+deb14-cloud-amd64\` | x86_64 | qemu-tcg-icount | .* | \`filename_unlinkat\` | yes (\`filename_unlinkat\`) |\$' '$R'"
check "the lead table: count/enoent/1t" grep -q '^## count/enoent/1t: cost relative to the reference hook$' "$R"
check "the reference hook's row reads reference, not a ratio" grep -q '^| tracepoint | reference | reference | reference |$' "$R"
check "raw_tp: each kernel's ratio with its interval" grep -q '^| raw_tp | 1.05× \[0.99, 1.11\] | 1.15× \[1.10, 1.21\] | 1.02× \[0.97, 1.07\] |$' "$R"
check "kprobe: unsupported on the host" grep -q '^| kprobe | 0.81× \[0.73, 0.86\] | unsupported | 0.85× \[0.80, 0.90\] |$' "$R"
check "hooks a kernel's run did not include: —" grep -q '^| kprobe_offset | 0.70× \[0.65, 0.75\] | — | — |$' "$R"
check "the control row is left out" bash -c "! grep -q '^| none |' '$R'"
check "what did not run, where and why" \
	bash -c "grep -q '^- \*\*K2\*\* \`6.18.44-test\` (x86_64, box-a): kprobe unsupported in mode enoent: kernel built without CONFIG_KPROBES (no kprobe PMU)\$' '$R' &&
		 grep -q '^- \*\*K3\*\* \`7.2.13+deb14-cloud-amd64\` (x86_64, qemu-tcg-icount): kprobe_multi unsupported in mode enoent: kernel built without CONFIG_FPROBE\$' '$R'"
check "the other groups get tables too" grep -q '^### count/other/1t: cost relative to the reference hook$' "$R"
check "with their figures" grep -q '^| raw_tp | — | 2.50× \[2.10, 2.90\] | — |$' "$R"
check "the sources, and the failed kernel" \
	bash -c "grep -q '^| K3 | 3 | \`$FX/vm-matrix/debian-7.2-cloud\` | vm | 6 | 2026-12-01T11:10:00Z | \`hookbench vm --kernel debian-7.2-cloud --out /tmp/vm-matrix\` |\$' '$R' &&
		 grep -q 'Failed, no results: .*debian-sid-cloud.error.*the guest wrote no results' '$R'"

# The heat map's data: column, hook line, ratio, measured, text; hooks in summary order.
D=$WORK/fleet/charts/fleet.dat
check "the heat map's data file" test -f "$D"
# Hooks in the order the rows first name them: tracepoint raw_tp kprobe fentry kprobe_offset kprobe_multi.
check "kprobe on K1: 0.81" grep -q '^0 2 0.810 1 "0.81"$' "$D"
check "kprobe on K2: not measured, its status shown" grep -q '^1 2 0.000 0 "unsupported"$' "$D"
check "kprobe_offset on K3: not run" grep -q '^2 4 0.000 0 "not run"$' "$D"
check "raw_tp on K2: 1.15" grep -q '^1 1 1.150 1 "1.15"$' "$D"
check "one cell per hook and kernel" [ "$(grep -vc '^#' "$D")" = $((6 * 3)) ]
if command -v gnuplot >/dev/null; then
	check "the heat map drawn, PNG and SVG" bash -c "file '$WORK/fleet/charts/fleet.png' | grep -q PNG && grep -q '<svg' '$WORK/fleet/charts/fleet.svg'"
	check "and linked from the page" grep -q '(charts/fleet.png)' "$R"
	rm -r "$WORK/fleet/charts"
	"$HB" plot "$WORK/fleet" >/dev/null 2>"$WORK/plot.err"
	check "hookbench plot on a merged directory draws the heat map" test -s "$WORK/fleet/charts/fleet.png"
fi
done_testing
