# SPDX-License-Identifier: GPL-2.0-only
# Shared by the shell tests: TAP-style lines, skips, a private work dir,
# and the "nothing stays attached" check. Source it after setting BUILD:
# it names the programs (HB, STORM) there.
#
# Results: exit 0 when every check passed, 1 otherwise, 77 (meson's
# "skipped") with a one-line reason when a prerequisite is missing (see
# skip_all for tests read as TAP).

N=0
FAILED=0
if [ -n "${BUILD:-}" ]; then
	HB=$BUILD/bench/hookbench
	STORM=$BUILD/workloads/unlink-storm
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hookbench-test.XXXXXX") || exit 99
trap 'rm -rf "$WORK"' EXIT

ok() { N=$((N + 1)); echo "ok $N - $*"; }
not_ok() { N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $*"; }
# skip DESCRIPTION REASON: one check this machine cannot make.
skip() { N=$((N + 1)); echo "ok $N - $1 # SKIP $2"; }
diag() { sed 's/^/#   /' "$@"; }

# check DESCRIPTION COMMAND...: one check from a command's status; a failure
# shows the file $CHECK_DIAG names, when a test sets it.
check() {
	local desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		[ -s "${CHECK_DIAG:-}" ] && diag "$CHECK_DIAG"
	fi
	return 0
}

# skip_all REASON: the whole test cannot run here: exit 77, meson's
# "skipped" for an exit-code test. A test registered with protocol 'tap' gets
# HB_TAP=1 from meson: there a whole skip is the plan "1..0 # SKIP" and exit 0.
skip_all() {
	echo "skipped: $*" >&2
	if [ "${HB_TAP:-}" = 1 ]; then
		echo "1..0 # SKIP $*"
		exit 0
	fi
	echo "# SKIP $*"
	exit 77
}

done_testing() {
	echo "1..$N"
	[ "$FAILED" -eq 0 ] && exit 0
	exit 1
}

# vm_fetch KERNEL [VM OPTION...]: hookbench vm --fetch-only (its output in
# $WORK/fetch.out). Skip the test only when the package archive did not answer
# (exit 77); any other failure of the runner fails it, its error shown.
vm_fetch() {
	local kernel=$1 rc
	shift
	"$HB" vm "$@" --fetch-only --kernel "$kernel" >"$WORK/fetch.out" 2>"$WORK/fetch.err"
	rc=$?
	[ $rc -eq 77 ] && skip_all "the package archive did not give $kernel: $(tail -n 1 "$WORK/fetch.err")"
	[ $rc -eq 0 ] && return 0
	not_ok "hookbench vm $* --fetch-only --kernel $kernel exits 0 (got $rc)"
	diag "$WORK/fetch.err"
	done_testing
}

require_root() {
	[ "$(id -u)" -eq 0 ] || skip_all "needs root (CAP_BPF + CAP_PERFMON) to load BPF programs"
}

require_bpftool() {
	command -v bpftool >/dev/null 2>&1 || skip_all "bpftool is not installed"
}

# require_bpf: root to load BPF programs, bpftool to see what stays attached.
require_bpf() {
	require_root
	require_bpftool
}

# The BPF links and programs on the machine, one id per line.
bpf_ids() {
	{ bpftool link list 2>/dev/null | sed -n 's/^\([0-9]\+\): .*/link \1/p'
	  bpftool prog list 2>/dev/null | sed -n 's/^\([0-9]\+\): .*/prog \1/p'; } | sort
}

# leak_check_begin / leak_check_end DESCRIPTION: nothing of ours stays attached or loaded.
# The kernel frees a closed link or program after an RCU grace period, so
# what is new is given up to 10 s to disappear before it counts as a leak.
leak_check_begin() { bpf_ids >"$WORK/bpf-before"; }
leak_check_end() {
	local tries=0
	bpf_ids >"$WORK/bpf-after"
	while comm -13 "$WORK/bpf-before" "$WORK/bpf-after" | grep -q . && [ $tries -lt 50 ]; do
		sleep 0.2
		tries=$((tries + 1))
		bpf_ids >"$WORK/bpf-after"
	done
	if comm -13 "$WORK/bpf-before" "$WORK/bpf-after" | grep -q .; then
		not_ok "$1: nothing left attached or loaded"
		comm -13 "$WORK/bpf-before" "$WORK/bpf-after" | diag
		bpftool link list | diag
	else
		ok "$1: nothing left attached or loaded"
	fi
}

# start_loader: $BUILD's tp-loader counting until signalled; sets loader (its
# pid) and prog (its program id), from the link the loader holds (another
# run's links may come and go meanwhile).
start_loader() {
	local link=
	"$BUILD/loaders/tp-loader" >/dev/null 2>"$WORK/loader.err" &
	loader=$!
	for _ in $(seq 200); do # up to 20 s for the loader's link
		link=$(cat /proc/$loader/fdinfo/* 2>/dev/null | sed -n 's/^link_id:[[:space:]]*//p' | head -n 1)
		[ -n "$link" ] && break
		sleep 0.1
	done
	prog=$(bpftool link show id "${link:-0}" 2>/dev/null | sed -n 's/.* prog \([0-9]\+\).*/\1/p')
}
stop_loader() { kill -INT "$loader" 2>/dev/null; wait "$loader" 2>/dev/null; }

# JSON helpers for flat objects (values without nested quotes).
json_num() { sed -n 's/.*"'"$1"'":\([-0-9.eE+]*\).*/\1/p' "$2" | head -n 1; }
json_str() { sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p' "$2" | head -n 1; }
json_null() { grep -q '"'"$1"'":null' "$2"; }

# check_icount_report DIR WHAT: hookbench report on DIR, a run counted in
# guest instructions (WHAT names it): exit 0, and no figure in ns or µs in
# its report.md.
check_icount_report() {
	local rc
	"$HB" report "$1" >/dev/null 2>"$WORK/icount-report.err"
	rc=$?
	check "report of $2: exit 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || diag "$WORK/icount-report.err"
	check "report of $2: no figure in ns or µs anywhere" bash -c "! grep -qE '\\bns\\b|µs' '$1/report.md'"
	diag <(grep -nE '\bns\b|µs' "$1/report.md")
}

# as_icount SRC DST: a copy of results directory SRC relabelled as a QEMU
# -icount run (meta.json's timing and unit, summary.csv's unit column when it
# has one, summary.json's too; the figures unchanged), for checks on the
# words around them.
as_icount() {
	cp -r "$1" "$2" && python3 - "$2" <<'PY'
import csv, json, sys
d = sys.argv[1]
m = json.load(open(d + "/meta.json"))
m["timing"] = "icount: guest instructions (QEMU -icount shift=0)"
m["unit"] = "guest instructions"
json.dump(m, open(d + "/meta.json", "w"), indent=2)
rows = list(csv.reader(open(d + "/summary.csv", newline="")))
u = rows[0].index("unit")
for r in rows[1:]:
    r[u] = "guest instructions"
csv.writer(open(d + "/summary.csv", "w", newline=""), lineterminator="\n").writerows(rows)
try:
    s = json.load(open(d + "/summary.json"))
except FileNotFoundError:
    sys.exit(0)
for r in s["rows"]:
    r["unit"] = "guest instructions"
json.dump(s, open(d + "/summary.json", "w"), indent=2)
PY
}

# field DIR HOOK PAYLOAD COLUMN: that column of DIR/summary.csv's first row of HOOK/PAYLOAD.
field() {
	"${PYTHON:-python3}" -c 'import csv, sys
d, h, p, c = sys.argv[1:]
print(next((r[c] for r in csv.DictReader(open(d + "/summary.csv")) if (r["hook"], r["payload"]) == (h, p)), "(no row)"))' "$@"
}

# report_of NAME [HYPERFINE]: a copy of $FX/results/replicates as $WORK/NAME (with
# $FX/hyperfine/HYPERFINE.csv as its hyperfine.csv), its report written by $HB
# (exit status in $WORK/NAME.rc); echoes report.md's path.
report_of() {
	rm -rf "$WORK/$1"
	cp -r "$FX/results/replicates" "$WORK/$1"
	[ -z "$2" ] || cp "$FX/hyperfine/$2.csv" "$WORK/$1/hyperfine.csv"
	"$HB" report "$WORK/$1" >/dev/null 2>"$WORK/$1.err"
	echo $? >"$WORK/$1.rc"
	echo "$WORK/$1/report.md"
}
