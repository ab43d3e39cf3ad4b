#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench bundle, used the way another machine would: the .tar.gz unpacked
# in an empty folder, its ./run started with a bare environment (no build
# tree on PATH, no HOOKBENCH_* settings), a short run whose summary.csv must
# have counted every event. Also: ./run refuses in a nested PID namespace,
# where the BPF programs would count nothing. Root (BPF); hold
# /tmp/hookbench-bpf.lock around it.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_root
[ -x "$BUILD/bench/hookbench-static" ] ||
	skip_all "no static programs in $BUILD (libbpf.a, libelf.a or libz.a missing)"

"$HB" bundle --out "$WORK/hookbench.tar.gz" >"$WORK/bundle.out" 2>"$WORK/bundle.err"
rc=$?
check "hookbench bundle exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/bundle.err"; done_testing; }

mkdir "$WORK/target"
tar -xzf "$WORK/hookbench.tar.gz" -C "$WORK/target"
top=$(ls "$WORK/target")
check "it unpacks into one folder, hookbench-VERSION-ARCH ($top)" grep -qx 'hookbench-.*-\(x86_64\|arm64\)' <<<"$top"
R=$WORK/target/$top
# A machine with nothing of hookbench's: the bundle's run script and programs only.
bare() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

(cd "$WORK/target" && bare "$R/run" --check) >"$WORK/check.out" 2>"$WORK/check.err"
rc=$?
check "./run --check passes here (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/check.err"

# The hook this kernel runs: hookbench list decides (kprobe where a kernel lacks tracepoints).
hooks=$("$HB" list --csv 2>/dev/null | awk -F, '$2 == "supported" && ($1 == "tracepoint" || $1 == "kprobe") { printf "%s%s", sep, $1; sep = "," }')
[ -n "$hooks" ] || skip_all "this kernel runs neither the tracepoint nor the kprobe hook"
(cd "$WORK/target" && bare "$R/run" -- --hooks "$hooks" --payload count --blocks 12 --ops-per-block 500 \
		--warmup 0 --stats-blocks 1) >"$WORK/run.out" 2>"$WORK/run.err"
rc=$?
check "./run with a short run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/run.err"

name=$(printf '%s-%s' "$(uname -n)" "$(uname -r)" | tr -c 'A-Za-z0-9._+-' '_')
D=$WORK/target/results/$name
check "the results are in results/HOST-KERNEL ($name)" [ -s "$D/summary.csv" ]
check "the bundle's static hookbench writes summary.json beside it" [ -s "$D/summary.json" ]
check "the last line says so" [ "$(tail -n 1 "$WORK/run.out")" = "results: results/$name" ]
check "summary.csv: every measured hook ($hooks) counted each of its events, and some" \
	python3 - "$D/summary.csv" "$hooks" <<'EOF'
import csv, sys
rows = {r["hook"]: r for r in csv.DictReader(open(sys.argv[1]))}
for hook in sys.argv[2].split(","):
    r = rows[hook]
    print(f"#   {hook}: {r['status']}, {r['events_seen']}/{r['events_expected']}")
    assert r["status"] == "ok" and int(r["events_expected"]) > 0
    assert r["events_seen"] == r["events_expected"]
EOF
check "meta.json, report.md and the bundle's manifest are beside it" \
	bash -c "[ -s '$D/meta.json' ] && [ -s '$D/report.md' ] && cmp -s '$D/bundle-manifest' '$R/MANIFEST'"
if command -v gnuplot >/dev/null 2>&1; then
	check "the charts were drawn with the bundle's gnuplot scripts" [ -s "$D/charts/overhead.png" ]
fi

# A second run does not overwrite the first.
(cd "$WORK/target" && bare "$R/run" -- --hooks "$hooks" --payload count --blocks 12 \
	--ops-per-block 200 --warmup 0 --stats-blocks 0 --no-control) >"$WORK/run2.out" 2>"$WORK/run2.err"
check "a second run lands in results/HOST-KERNEL-2" [ -s "$WORK/target/results/$name-2/summary.csv" ]

if command -v unshare >/dev/null 2>&1; then
	(cd "$WORK/target" && bare unshare --pid --fork --mount-proc "$R/run") >"$WORK/pidns.out" 2>"$WORK/pidns.err"
	rc=$?
	check "in a nested PID namespace ./run refuses (exit $rc) and says why" \
		bash -c "[ $rc -eq 1 ] && grep -q \"MISSING: the host's PID namespace\" '$WORK/pidns.err'"
	check "and runs nothing" [ ! -e "$WORK/target/results/$name-3" ]
fi
done_testing
