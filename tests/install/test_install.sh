#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `meson install` into a temporary DESTDIR, then the installed programs run
# with the source and build trees out of reach (a private mount namespace
# with a tmpfs over each, from another working directory): a short benchmark,
# hyperfine, its charts and report, the loader around the workload, the VM
# runner's view of its files, a bundle made from the installed files, the
# man pages and the bash completion.
# Settings from meson: HB_BINDIR, HB_LIBEXECDIR, HB_MANDIR, HB_COMPLETIONSDIR
# (absolute, before DESTDIR), HB_VERSION, HB_MAN and HB_GUEST (true/false).
BUILD=${1:?build dir}
SOURCE=${2:?source dir}
PYTHON=${3:-python3}

# Everything below runs in a mount namespace of its own, so the tmpfs mounts
# vanish with it; bash keeps reading this file through its open descriptor.
if [ -z "${HB_IN_MOUNT_NS:-}" ] && [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	HB_IN_MOUNT_NS=1 exec unshare --mount --propagation private -- bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
require_root
[ -n "${HB_IN_MOUNT_NS:-}" ] || skip_all "cannot make a private mount namespace (unshare -m failed)"
case $WORK/ in
"$SOURCE"/* | "$BUILD"/*) skip_all "TMPDIR is inside the source or build tree" ;;
esac

meson install -C "$BUILD" --destdir "$WORK/dest" >"$WORK/install.log" 2>&1
rc=$?
check "meson install --destdir exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/install.log"; done_testing; }

BIN=$WORK/dest$HB_BINDIR
LIBEXEC=$WORK/dest$HB_LIBEXECDIR/hookbench
MAN1=$WORK/dest$HB_MANDIR/man1
COMPLETION=$WORK/dest$HB_COMPLETIONSDIR/hookbench
HB=$BIN/hookbench

mount -t tmpfs -o size=1m,mode=0755 hookbench-hidden "$SOURCE" &&
	{ [ -e "$BUILD/build.ninja" ] && mount -t tmpfs -o size=1m,mode=0755 hookbench-hidden "$BUILD"; true; }
check "the source and build trees are out of reach" \
	bash -c "[ ! -e '$SOURCE/meson.build' ] && [ ! -e '$BUILD/build.ninja' ]"
mkdir "$WORK/cwd" && cd "$WORK/cwd" || exit 99

for prog in hookbench tp-loader kprobe-loader unlink-storm; do
	check "$prog is installed in bindir and shows --help" bash -c "'$BIN/$prog' --help >/dev/null"
done
for prog in hookbench tp-loader kprobe-loader unlink-storm; do
	check "$prog --version names version $HB_VERSION" \
		bash -c "'$BIN/$prog' --version | grep -q '^$prog .*$HB_VERSION'"
done

"$HB" run --hooks tracepoint --blocks 20 --ops-per-block 2000 --warmup 1 --stats-blocks 1 \
	--out "$WORK/r" >"$WORK/run.out" 2>"$WORK/run.err"
rc=$?
check "installed hookbench run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/run.err"
check "summary.csv has the tracepoint row, status ok" \
	bash -c "grep -q '^tracepoint,count,enoent,1,ok,' '$WORK/r/summary.csv'"
check "runs.csv has a row per block" bash -c "[ \$(wc -l <'$WORK/r/runs.csv') -gt 40 ]"

"$HB" hyperfine "$WORK/r" --iterations 20000 --rounds 6 --runs 2 --warmup 0 \
	>/dev/null 2>"$WORK/hyperfine.err"
rc=$?
check "installed hookbench hyperfine finds tp-loader and unlink-storm beside it (exit $rc)" \
	bash -c "[ $rc -eq 0 ] && grep -q tp-loader '$WORK/r/hyperfine.csv'"
[ $rc -eq 0 ] || diag "$WORK/hyperfine.err"

"$HB" plot "$WORK/r" >/dev/null 2>"$WORK/plot.err"
rc=$?
check "installed hookbench plot finds its gnuplot scripts (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/plot.err"
for chart in overhead.png overhead.svg breakdown.png blocks.png; do
	check "charts/$chart is drawn" [ -s "$WORK/r/charts/$chart" ]
done
"$HB" report "$WORK/r" >/dev/null 2>"$WORK/report.err"
rc=$?
check "installed hookbench report exits 0 (got $rc)" [ $rc -eq 0 ]
check "report.md names the tracepoint and its chart" \
	bash -c "grep -q tracepoint '$WORK/r/report.md' && grep -q 'charts/overhead' '$WORK/r/report.md'"

"$BIN/tp-loader" --json -o "$WORK/loader.json" -- "$BIN/unlink-storm" --iterations 1000 \
	>/dev/null 2>"$WORK/loader.err"
rc=$?
check "installed tp-loader runs the installed unlink-storm (exit $rc)" [ $rc -eq 0 ]
check "and counts its 1000 calls" [ "$(json_num events "$WORK/loader.json")" = 1000 ]

# runner_finds_programs ARCH: the installed runner, loaded as a module, takes
# the four static guest programs for ARCH from beside itself (arm64: from
# arm64/ there), and for x86_64 the guest init too.
runner_finds_programs() {
	"$PYTHON" - "$LIBEXEC" "$1" <<'PY'
import os, sys
libexec, arch = sys.argv[1:]
sys.path.insert(0, libexec)
from hookbench_vm import programs
from hookbench_vm.arches import ARCHES
if arch == "x86_64":
    found = programs.find_guest_programs()
    here = programs.RUNNER_DIR
    if not (here == os.path.realpath(libexec) and os.path.isfile(os.path.join(here, "vm-guest-init"))):
        sys.exit(1)
else:
    found = programs.find_cross_programs(ARCHES[arch])
    here = os.path.join(programs.RUNNER_DIR, arch)
sys.exit(not (set(found) == {"hookbench", "tp-loader", "kprobe-loader", "unlink-storm"}
              and all(os.path.dirname(p) == here for p in found.values())))
PY
}

check "hookbench vm finds its runner in libexecdir" \
	bash -c "'$HB' vm --help | grep -q -- --kernel"
if [ "$HB_GUEST" = true ]; then
	check "the installed runner takes the guest init and static programs from beside itself" \
		runner_finds_programs x86_64
	"$HB" bundle --out "$WORK/bundle.tar.gz" >/dev/null 2>"$WORK/bundle.err"
	rc=$?
	check "installed hookbench bundle takes its static programs, plot scripts and run script from the install (exit $rc)" \
		bash -c "[ $rc -eq 0 ] && [ \$(tar -tzf '$WORK/bundle.tar.gz' | grep -cE '/(bin/(hookbench|tp-loader|kprobe-loader|unlink-storm)|run|MANIFEST|share/hookbench/plot/overhead.gp)\$') -eq 7 ]"
	[ $rc -eq 0 ] || diag "$WORK/bundle.err"
else
	skip "the installed runner finds the static programs" "built without guest programs"
fi
if [ "${HB_ARM64_GUEST:-false}" = true ]; then
	check "the installed runner takes the static arm64 guest programs from arm64/ beside itself" \
		runner_finds_programs arm64
	"$HB" bundle --arch arm64 --out "$WORK/bundle-arm64.tar.gz" >/dev/null 2>"$WORK/bundle-arm64.err"
	rc=$?
	check "installed hookbench bundle --arch arm64 takes the installed arm64 programs (exit $rc)" \
		bash -c "[ $rc -eq 0 ] && tar -xzf '$WORK/bundle-arm64.tar.gz' -C '$WORK' && grep -qx arch=arm64 '$WORK'/hookbench-*-arm64/MANIFEST"
	[ $rc -eq 0 ] || diag "$WORK/bundle-arm64.err"
	check "and its four programs are aarch64 ELF programs" "$PYTHON" -c '
import glob, struct, sys
progs = glob.glob(sys.argv[1] + "/hookbench-*-arm64/bin/*")
sys.exit(not (len(progs) == 4 and all(struct.unpack_from("<H", open(p, "rb").read(20), 18)[0] == 183 for p in progs)))
' "$WORK"
else
	skip "the installed runner finds the arm64 guest programs" "built without -Darm64_guest=enabled"
fi

if [ "$HB_MAN" != true ]; then
	skip "man pages" "built without man pages (scdoc missing)"
elif ! command -v man >/dev/null 2>&1; then
	skip "man pages render" "man is not installed"
else
	for page in hookbench tp-loader kprobe-loader unlink-storm; do
		MANWIDTH=80 man --warnings=w -l "$MAN1/$page.1" >"$WORK/$page.txt" 2>"$WORK/$page.err"
		check "man -l $page.1 renders without a warning" \
			bash -c "[ -s '$WORK/$page.txt' ] && [ ! -s '$WORK/$page.err' ]"
		check "$page(1) has NAME, SYNOPSIS and EXIT STATUS for $page" \
			bash -c "grep -q '^NAME' '$WORK/$page.txt' && grep -q '^SYNOPSIS' '$WORK/$page.txt' &&
				 grep -q '^EXIT STATUS' '$WORK/$page.txt' && grep -q '^ *$page' '$WORK/$page.txt'"
	done
	check "hookbench(1) documents exit statuses 0, 1, 2, 3, 4, 77 and 130" \
		bash -c "sed -n '/^EXIT STATUS/,/^[A-Z]/p' '$WORK/hookbench.txt' |
			 awk '/^       [0-9]+\$/ { print \$1 }' | tr '\n' ' ' | grep -qx '0 1 2 3 4 77 130 '"
fi

check "the completion file loads and completes all four programs" \
	bash -c "source '$COMPLETION' && complete -p hookbench tp-loader kprobe-loader unlink-storm >/dev/null"
for name in tp-loader kprobe-loader unlink-storm; do
	check "completions/$name leads to the same file" [ "$(readlink -f "${COMPLETION%/*}/$name")" = "$(readlink -f "$COMPLETION")" ]
done
complete_line() {
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		f=$(complete -p "${1##*/}" | sed "s/.*-F \([^ ]*\) .*/\1/"); $f; echo "${COMPREPLY[*]}"' \
		_ "$COMPLETION" "$@"
}
check "completion: hookbench r -> run report recover" [ "$(complete_line "$HB" r)" = "run report recover" ]
check "completion: hookbench m -> mix merge" [ "$(complete_line "$HB" m)" = "mix merge" ]
check "completion: report --s -> --share" [ "$(complete_line "$HB" report --s)" = "--share" ]
check "completion: --hooks tr -> the tracepoint hooks" \
	[ "$(complete_line "$HB" run --hooks tr)" = "tracepoint tracepoint_exit" ]
check "completion: --payload count,ca -> count,capture" \
	[ "$(complete_line "$HB" run --payload count,ca)" = "count,capture" ]
check "completion: tp-loader --payload ri -> ringbuf" \
	[ "$(complete_line "$BIN/tp-loader" --payload ri)" = "ringbuf" ]
check "completion: unlink-storm --it -> --iterations" \
	[ "$(complete_line "$BIN/unlink-storm" --it)" = "--iterations" ]
done_testing
