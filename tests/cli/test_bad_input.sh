#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad input to hookbench and the loaders: each case exits non-zero with one
# line on stderr, writes nothing, and (where it matters) says what is valid.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures/results")
TP=$(realpath "$BUILD/loaders/tp-loader")
ROOT=$([ "$(id -u)" -eq 0 ] && echo 1 || echo 0)
mkdir "$WORK/cwd" "$WORK/existing" "$WORK/fifo" "$WORK/fifo-meta"
mkfifo "$WORK/fifo/summary.csv" "$WORK/fifo-meta/meta.json"
cp "$FX/base/summary.csv" "$WORK/fifo-meta/"
cd "$WORK/cwd" || exit 99

# bad DESCRIPTION EXPECTED-REGEX COMMAND...: non-zero, one stderr line matching, nothing written.
bad() {
	local desc=$1 want=$2 rc lines
	shift 2
	"$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	# --allow-concurrent's warning, when another test measures meanwhile, is not the error line
	lines=$(grep -cv '^hookbench: warning: another measurement is running' "$WORK/err")
	if [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && grep -qE -- "$want" "$WORK/err" &&
	   [ -z "$(ls -A "$WORK/cwd")" ] && [ ! -s "$WORK/out" ] &&
	   [ -z "$(ls -A "$WORK/existing")" ] && ! ls -d "$WORK"/new* >/dev/null 2>&1; then
		ok "$desc (exit $rc): $(grep -v '^hookbench: warning: another measurement' "$WORK/err")"
	else
		not_ok "$desc: exit $rc, $lines stderr lines, want /$want/"
		diag "$WORK/err"
		ls -A "$WORK/cwd" "$WORK/existing" | diag
		rm -rf "${WORK:?}/cwd/"* "$WORK"/new*
	fi
}

priv_or() { [ "$ROOT" = 1 ] && echo "$1" || echo 'needs root'; }

# Every hook, as run --help offers them (list --csv would load BPF; this suite must not).
HOOKS=$("$HB" run --help | sed -n 's/.*--hooks LIST.*(default: all): //p')
bad "unknown hook, valid ones listed" "unknown hook 'uprobe'.*valid: $HOOKS\)" \
	"$HB" run --hooks tracepoint,uprobe --out "$WORK/new1"
bad "unknown payload" "unknown payload 'trace'.*empty, count, capture, ringbuf, printk" "$HB" run --payload trace
bad "unknown mode" "unknown mode 'rename'.*enoent, create" "$HB" run --mode rename
bad "unknown clock" "unknown clock 'tsc'.*cpu, wall" "$HB" run --clock tsc
bad "unknown experiment" "unknown experiment 'storm' \\(valid: reentry, coverage\\)" "$HB" run --experiment storm
bad "bad --kprobe-optimization" "invalid --kprobe-optimization 'maybe' \\(valid: on, off\\)" "$HB" run --kprobe-optimization maybe
bad "zero threads" "invalid --threads '0'" "$HB" run --threads 0
bad "more threads than CPUs" "invalid --threads '1,4096'.*one CPU per thread" "$HB" run --threads 1,4096
bad "threads given twice" "invalid --threads '1,1'" "$HB" run --threads 1,1
bad "a hook given twice" "lists 'kprobe' twice" "$HB" run --hooks kprobe,kprobe
bad "an empty list" "invalid --hooks" "$HB" run --hooks ''
bad "zero blocks" "invalid --blocks '0'" "$HB" run --blocks 0
bad "negative blocks" "invalid --blocks '-4'" "$HB" run --blocks -4
bad "blocks not a number" "invalid --blocks 'ten'" "$HB" run --blocks ten
bad "blocks too few for a 95% CI over visits" "invalid --blocks '11'.*\\[12," "$HB" run --blocks 11
bad "unknown reference hook" "unknown hook 'uprobe' in --reference" "$HB" run --reference uprobe
"$HB" run --reference uprobe >/dev/null 2>&1
check "an unknown --reference is a usage error (exit $?)" [ $? -eq 2 ]
bad "two reference hooks" "invalid --reference" "$HB" run --reference tracepoint,raw_tp
bad "the control is no hook" "unknown hook 'none'" "$HB" run --hooks none
bad "zero replicates" "invalid --replicates '0'" "$HB" run --replicates 0
bad "replicates of fewer than 2 rounds" \
	"invalid --replicates '4' with --blocks 12: 6 rounds make at most 3 replicates of 2 rounds" \
	"$HB" run --blocks 12 --replicates 4
"$HB" run --blocks 12 --replicates 4 >/dev/null 2>&1
check "too many --replicates is a usage error (exit $?)" [ $? -eq 2 ]
bad "overflowing ops" "invalid --ops-per-block" "$HB" run --ops-per-block 99999999999999999999999
bad "zero ops per block" "invalid --ops-per-block '0'" "$HB" run --ops-per-block 0
bad "trailing garbage" "invalid --warmup '3x'" "$HB" run --warmup 3x
bad "a CPU that does not exist" "invalid --cpu '4096'" "$HB" run --cpu 4096
bad "an option without its value" "needs a value" "$HB" run --blocks
bad "an unknown option" "unknown option '--frobnicate'" "$HB" run --frobnicate
bad "a stray argument" "unexpected argument 'now'" "$HB" run now
bad "an unknown command" "unknown command 'bench' \\(valid: list, run, tax, mix, vm, bundle, plot, hyperfine, report, compare, merge, census, recover, help;" "$HB" bench
bad "no command" "Usage" bash -c "'$HB' 2>&1 >/dev/null | head -n 1 >&2; exit 2"
bad "an existing --out is refused" "$(priv_or 'refusing to overwrite existing')" \
	"$HB" run --hooks tracepoint --out "$WORK/existing"
bad "--out in a missing directory" "$(priv_or 'cannot create .*No such file')" \
	"$HB" run --hooks tracepoint --out "$WORK/new-missing/sub/dir"
# (allowed whatever else runs here: only creating DIR.partial can fail)
bad "an unwritable --out" "$(priv_or 'cannot create')" \
	"$HB" run --hooks tracepoint --blocks 12 --stats-blocks 0 --allow-foreign --allow-concurrent \
	--out /proc/hookbench-unwritable
bad "missing BTF" "$(priv_or 'missing BTF: /nonexistent/vmlinux')" \
	"$HB" run --btf /nonexistent/vmlinux --out "$WORK/new2"
bad "missing BTF through HOOKBENCH_BTF" "$(priv_or 'missing BTF')" \
	env HOOKBENCH_BTF=/nonexistent/vmlinux "$HB" list
bad "tax: zero blocks" "invalid --blocks '0'" "$HB" tax --blocks 0
bad "loader: unknown payload" "unknown payload 'foo' \\(valid: empty, count, capture, ringbuf, printk, deny\\)" "$TP" --payload foo
bad "loader: --trace with --payload count" "conflicting options: --trace needs --payload ringbuf" "$TP" --trace --payload count -- true
bad "loader: --pid with a command" "conflicting options" "$TP" --pid 1 -- true
bad "loader: --pid 0" "invalid --pid '0'" "$TP" --pid 0
bad "compare: a missing directory" "no-such-dir: no such results directory" "$HB" compare "$FX/base" "$WORK/no-such-dir"
bad "compare: a directory without summary.csv" "no summary.csv" "$HB" compare "$WORK/existing" "$WORK/existing"
bad "compare: a malformed summary.csv" "malformed" "$HB" compare "$FX/base" "$FX/malformed-number"
bad "compare: one directory only" "needs two results directories" "$HB" compare "$FX/base"
bad "compare: a bad threshold" "invalid --threshold 'lots'" "$HB" compare "$FX/base" "$FX/base" --threshold lots
bad "merge: without --out" "merge needs one or more results directories and --out DIR" "$HB" merge "$FX/base"
bad "merge: --out twice" "merge: --out given twice" "$HB" merge "$FX/base" --out "$WORK/new1" --out "$WORK/new2"
bad "merge: a missing directory" "no-such-dir: no such results directory" "$HB" merge "$WORK/no-such-dir" --out "$WORK/new"
bad "merge: an empty directory" "existing: not a results directory" "$HB" merge "$WORK/existing" --out "$WORK/new"
# A FIFO (or any non-regular file) is refused at once: opening it never waits for a writer.
bad "compare: summary.csv is a FIFO" "not a regular file: .*/fifo/summary.csv" \
	timeout 20 "$HB" compare "$WORK/fifo" "$WORK/fifo"
bad "report: meta.json is a FIFO" "not a regular file: .*/fifo-meta/meta.json" \
	timeout 20 "$HB" report "$WORK/fifo-meta"
bad "list: --btf a FIFO" "$(priv_or 'not a regular file: .*/fifo/summary.csv')" \
	timeout 20 "$HB" list --btf "$WORK/fifo/summary.csv"
bad "list: --btf a directory" "$(priv_or 'not a regular file: ')" "$HB" list --btf "$WORK/existing"
bad "vm: a file that is not a kernel" "vm: not a kernel image: .*/base/summary.csv" \
	"$HB" vm --kernel "$FX/base/summary.csv" --out "$WORK/new5"
bad "vm: a FIFO as the kernel" "vm: not a regular file: .*/fifo/summary.csv" \
	timeout 20 "$HB" vm --kernel="debian-6.1-cloud,$WORK/fifo/summary.csv" --out "$WORK/new5"
bad "report: a missing directory" "no such results directory" "$HB" report "$WORK/no-such-dir"
bad "report: a malformed summary.csv" "line 3 has 33 fields, the header has 32" "$HB" report "$FX/malformed-row"
# The data contract (bench/analysis/results.h): one schema, and no value a run cannot write.
bad "report: an older schema" "^hookbench: report: $FX/old-schema/meta.json: schema_version 4, this hookbench reads 6\$" \
	"$HB" report "$FX/old-schema"
bad "report: a negative count" "^hookbench: report: $FX/negative-count/summary.csv: malformed: line 3 has events_seen '-5': a negative count\$" \
	"$HB" report "$FX/negative-count"
bad "report: 1e308 ns" "^hookbench: report: $FX/huge-figure/summary.csv: malformed: line 3 has overhead_ns_per_event '1e308': beyond any measurement" \
	"$HB" report "$FX/huge-figure"
bad "compare: an older schema" "old-schema/meta.json: schema_version 4, this hookbench reads 6" \
	"$HB" compare "$FX/base" "$FX/old-schema"
bad "hyperfine: an older schema" "^hookbench: hyperfine: $FX/old-schema/meta.json: schema_version 4, this hookbench reads 6\$" \
	"$HB" hyperfine "$FX/old-schema"
bad "merge: an older schema" "old-schema/meta.json: schema_version 4, this hookbench reads 6" \
	"$HB" merge "$FX/base" "$FX/old-schema" --out "$WORK/new6"
bad "plot: a missing directory" "no such results directory" "$HB" plot "$WORK/no-such-dir"
bad "hyperfine: a missing directory" "no such directory" "$HB" hyperfine "$WORK/no-such-dir"
bad "hyperfine: zero iterations" "invalid --iterations '0'" "$HB" hyperfine "$WORK/existing" --iterations 0
bad "vm: an unknown kernel" "kernel not found: 'debian-9.9-nonsense'" "$HB" vm --kernel debian-9.9-nonsense --out "$WORK/new4"
bad "vm: too little memory" "--memory must be >= 256" "$HB" vm --kernel debian-6.1-cloud --memory 10
bad "vm: an unknown timing mode" "invalid choice: 'cycles'" "$HB" vm --kernel debian-6.1-cloud --timing cycles
bad "vm: no kernel" "--kernel is required" "$HB" vm
bad "census: a stray argument" "unexpected argument 'all'" "$HB" census all
bad "bundle: no --out" "bundle needs --out FILE.tar.gz" "$HB" bundle
bad "bundle: an unknown --arch" "invalid --arch 'riscv64' \\(valid: x86_64, arm64\\)" \
	"$HB" bundle --arch riscv64 --out "$WORK/new.tar.gz"
bad "bundle: --programs without the programs" "holds no bench/hookbench-static" \
	"$HB" bundle --programs "$WORK/existing" --out "$WORK/new.tar.gz"
bad "bundle: --out in a missing directory" "cannot write .*/new-missing/b.tar.gz: .*/new-missing is not a directory" \
	"$HB" bundle --out "$WORK/new-missing/b.tar.gz"
bad "bundle: a stray argument" "unexpected argument 'now'" "$HB" bundle --out "$WORK/new.tar.gz" now
bad "list: a stray argument" "unexpected argument 'kprobe'" "$HB" list kprobe
bad "tax: a CPU that does not exist" "invalid --cpu '999'" "$HB" tax --cpu 999
bad "loader: an unknown option" "unknown option '--foo'" "$TP" --foo

# Without privileges: run as nobody (when root) or as we are.
if [ "$ROOT" = 1 ] && command -v setpriv >/dev/null; then
	drop=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all)
else
	drop=()
fi
if [ "$ROOT" = 0 ] || [ ${#drop[@]} -gt 0 ]; then
	chmod 0777 "$WORK" "$WORK/cwd"
	bad "run without privileges names the capability" "needs root .*CAP_BPF \\+ CAP_PERFMON; missing CAP_BPF" \
		"${drop[@]}" "$HB" run --hooks tracepoint --out "$WORK/new3"
	bad "list without privileges" "missing CAP_BPF" "${drop[@]}" "$HB" list
	bad "tp-loader without privileges" "missing CAP_BPF" "${drop[@]}" "$TP" -- true
else
	N=$((N + 1)); echo "ok $N # SKIP setpriv is missing, cannot drop privileges"
fi
done_testing
