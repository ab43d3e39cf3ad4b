#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench bundle without running it: what the .tar.gz holds (static
# programs for this architecture with their BPF objects inside, no .bpf.o
# beside them, the plot scripts, a run script any POSIX sh parses, a
# manifest naming the architecture), and the refusals: an existing file, an
# architecture without a build, programs of the wrong kind, a bundle on a
# machine of another architecture. (scripts/fleet: the fleet suite.)
BUILD=${1:?build dir}
SRC=${2:?source dir}
. "$(dirname "$0")/../lib.sh"
[ -x "$BUILD/bench/hookbench-static" ] ||
	skip_all "no static programs in $BUILD (libbpf.a, libelf.a or libz.a missing)"
case $(uname -m) in
x86_64) arch=x86_64 other=arm64 ;;
aarch64) arch=arm64 other=x86_64 ;;
*) skip_all "bundles are built for x86_64 and arm64, this is $(uname -m)" ;;
esac

"$HB" bundle --out "$WORK/b.tar.gz" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "hookbench bundle exits 0 (got $rc) and says where" \
	bash -c "[ $rc -eq 0 ] && [ \"\$(cat '$WORK/out')\" = 'bundle: $WORK/b.tar.gz' ]"
mkdir "$WORK/x"
tar -xzf "$WORK/b.tar.gz" -C "$WORK/x"
top=$(ls "$WORK/x")
R=$WORK/x/$top
(cd "$R" && find . -type f | sed 's|^\./||' | sort) >"$WORK/files"
expected="MANIFEST
bin/hookbench
bin/kprobe-loader
bin/tp-loader
bin/unlink-storm
$(cd "$BUILD/scripts/plot" && ls ./*.gp | sed 's|^\./|share/hookbench/plot/|' | sort)
run"
check "it holds the four programs, the plot scripts, MANIFEST and run, nothing else ($(wc -l <"$WORK/files") files)" \
	[ "$(cat "$WORK/files")" = "$(sort <<<"$expected")" ]
check "the folder is hookbench-VERSION-$arch ($top)" grep -qx "hookbench-.*-$arch" <<<"$top"
check "MANIFEST names the architecture (arch=$arch)" grep -qx "arch=$arch" "$R/MANIFEST"
elf_check=$(cat <<'EOF'
import os, struct, sys
machine = {"x86_64": 62, "arm64": 183}[sys.argv[2]]
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), "rb") as f:
        head = f.read(64)
        assert head[:4] == b"\x7fELF", name
        assert struct.unpack_from("<H", head, 18)[0] == machine, name
        phoff, = struct.unpack_from("<Q", head, 32)
        size, count = struct.unpack_from("<HH", head, 54)
        for i in range(count):
            f.seek(phoff + i * size)
            assert struct.unpack("<I", f.read(4))[0] != 3, f"{name} has a program interpreter"
EOF
)
check "every program is a static ELF program for $arch" python3 - "$R/bin" "$arch" <<<"$elf_check"
# The loaders and hookbench embed their BPF objects: an ELF image for
# machine EM_BPF (247) lies inside each of them.
check "the BPF objects are inside the programs (an EM_BPF ELF image in each but unlink-storm)" \
	python3 - "$R/bin" <<'EOF'
import os, re, struct, sys
for name in ("hookbench", "tp-loader", "kprobe-loader"):
    data = open(os.path.join(sys.argv[1], name), "rb").read()
    assert any(struct.unpack_from("<H", data, m.start() + 18)[0] == 247
               for m in re.finditer(rb"\x7fELF\x02\x01", data)), name
EOF
check "the run script parses as POSIX sh (dash -n)" dash -n "$R/run"
if command -v busybox >/dev/null 2>&1; then
	check "and under busybox sh" busybox sh -n "$R/run"
fi
check "./run --help says how to run it" bash -c "'$R/run' --help | grep -q '^Usage: .*run \\[--results DIR\\]'"
"$R/run" --bogus >/dev/null 2>"$WORK/bogus.err"
check "./run --bogus is bad usage (exit $?)" [ $? -eq 2 ]
"$R/run" -- --host x >/dev/null 2>"$WORK/host.err"
check "./run -- --host is bad usage (exit $?): --host is the script's own" \
	bash -c "[ $? -eq 2 ] && grep -q 'give it before --' '$WORK/host.err'"

"$HB" bundle --out "$WORK/b.tar.gz" 2>"$WORK/again.err"
rc=$?
check "an existing --out is refused (exit $rc)" \
	bash -c "[ $rc -eq 1 ] && grep -q 'refusing to overwrite existing' '$WORK/again.err'"
"$HB" bundle --arch "$other" --out "$WORK/other.tar.gz" >/dev/null 2>"$WORK/other.err"
rc=$?
# The cross build hookbench vm --arch makes (BUILD/ARCH-guest), or the copies
# -Darm64_guest=enabled makes (BUILD/scripts/ARCH): bundled without --programs.
if [ -x "$BUILD/$other-guest/bench/hookbench-static" ] || [ -x "$BUILD/scripts/$other/hookbench-static" ]; then
	mkdir "$WORK/o"
	tar -xzf "$WORK/other.tar.gz" -C "$WORK/o" 2>/dev/null
	check "--arch $other takes this build's $other programs (exit $rc), folder hookbench-VERSION-$other" \
		bash -c "[ $rc -eq 0 ] && ls '$WORK/o' | grep -qx 'hookbench-.*-$other'"
	check "and each of its programs is a static ELF program for $other" \
		python3 - "$(echo "$WORK"/o/hookbench-*/bin)" "$other" <<<"$elf_check"
	check "its MANIFEST says arch=$other" grep -qx "arch=$other" "$WORK"/o/hookbench-*/MANIFEST
else
	check "--arch $other without a $other build is refused (exit $rc): $(cat "$WORK/other.err")" \
		bash -c "[ $rc -eq 1 ] && grep -q 'no $other build of hookbench-static to bundle' '$WORK/other.err' && [ ! -e '$WORK/other.tar.gz' ]"
fi
"$HB" bundle --arch "$other" --programs "$BUILD" --out "$WORK/wrong.tar.gz" 2>"$WORK/wrong.err"
check "--arch $other with this build's programs: they are built for $arch" \
	grep -q "is built for $arch, not $other" "$WORK/wrong.err"
"$HB" bundle --arch mips --out "$WORK/mips.tar.gz" 2>"$WORK/mips.err"
check "--arch mips is bad usage (exit $?)" grep -q "invalid --arch 'mips' (valid: x86_64, arm64)" "$WORK/mips.err"
mkdir "$WORK/dynamic"
cp "$BUILD/bench/hookbench" "$BUILD/loaders/tp-loader" "$BUILD/loaders/kprobe-loader" \
	"$BUILD/workloads/unlink-storm" "$WORK/dynamic/"
"$HB" bundle --programs "$WORK/dynamic" --out "$WORK/dyn.tar.gz" 2>"$WORK/dyn.err"
check "dynamically linked programs are refused" grep -q "is dynamically linked" "$WORK/dyn.err"
mkdir "$WORK/static"
for p in bench/hookbench loaders/tp-loader loaders/kprobe-loader workloads/unlink-storm; do
	cp "$BUILD/$p-static" "$WORK/static/"
done
check "a folder of NAME-static programs is taken (--programs)" \
	bash -c "'$HB' bundle --programs '$WORK/static' --out '$WORK/flat.tar.gz' >/dev/null"

# A bundle carried to a machine of another architecture refuses to run there.
sed -i "s/^arch=.*/arch=$other/" "$R/MANIFEST"
"$R/run" --check >/dev/null 2>"$WORK/arch.err"
rc=$?
check "./run refuses on another architecture (exit $rc): $(grep MISSING "$WORK/arch.err")" \
	bash -c "[ $rc -eq 1 ] && grep -q 'MISSING: this bundle is built for $other, this machine is $(uname -m)' '$WORK/arch.err'"

done_testing
