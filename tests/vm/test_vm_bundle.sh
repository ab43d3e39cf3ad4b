#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The hookbench bundle on another machine: a Debian guest. The .tar.gz goes
# into the guest as a plain file; guest-bundle.sh unpacks it in an empty
# folder and runs ./run there (busybox sh, no gnuplot): tracepoint, kprobe
# and fentry must each count every event. Hold /tmp/hookbench-vm.lock around it.
# VM_ARCH=arm64: the arm64 bundle (the cross build's programs) in an arm64
# guest (qemu-system-aarch64, default kernel debian-6.12-cloud).
ARCH=${VM_ARCH:-x86_64}
if [ "$ARCH" = arm64 ]; then
	BUILD=${1:?build dir}
	. "$(dirname "$0")/../lib.sh"
	KERNEL=${VM_KERNEL:-debian-6.12-cloud}
	command -v qemu-system-aarch64 >/dev/null 2>&1 ||
		skip_all "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm)"
	command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 ||
		skip_all "no arm64 cross compiler (apt-get install gcc-aarch64-linux-gnu)"
	vm_fetch "$KERNEL" --arch arm64
	# The first arm64 run cross-builds the programs the bundle takes. Only a
	# package the archive did not give (77) skips; a failed build fails.
	"$HB" vm --arch arm64 --build-programs "$WORK/arm64-programs" >/dev/null 2>"$WORK/build.err"
	rc=$?
	[ $rc -eq 77 ] && skip_all "the package archive did not give what the arm64 build needs: $(tail -n 1 "$WORK/build.err")"
	check "hookbench vm --arch arm64 --build-programs exits 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || { diag "$WORK/build.err"; done_testing; }
else
	. "$(dirname "$0")/lib-vm.sh"
fi

"$HB" bundle --arch "$ARCH" --out "$WORK/hookbench-bundle.tar.gz" >/dev/null 2>"$WORK/bundle.err"
rc=$?
check "hookbench bundle --arch $ARCH exits 0 (got $rc, $(stat -c %s "$WORK/hookbench-bundle.tar.gz" 2>/dev/null) bytes)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/bundle.err"; done_testing; }
"$HB" vm --arch "$ARCH" --kernel "$KERNEL" --guest-script "$(dirname "$0")/guest-bundle.sh" \
	--guest-file "$WORK/hookbench-bundle.tar.gz" --out "$WORK/guest" 2>"$WORK/err"
rc=$?
check "hookbench vm --arch $ARCH with the bundle script exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/err"; done_testing; }
G=$WORK/guest
check "the guest is $ARCH ($(cat "$G/uname-m"))" grep -qx "$( [ "$ARCH" = arm64 ] && echo aarch64 || echo x86_64)" "$G/uname-m"
check "the bundle unpacked into one folder ($(cat "$G/unpacked"))" grep -qx "hookbench-.*-$ARCH" "$G/unpacked"
check "./run --check passes in the guest (exit $(cat "$G/check.status"))" [ "$(cat "$G/check.status")" = 0 ]
check "and says gnuplot is missing there" grep -q '^run: note: gnuplot is not installed: no charts' "$G/check.err"
check "./run exits 0 in the guest (got $(cat "$G/run.status"))" [ "$(cat "$G/run.status")" = 0 ]
[ "$(cat "$G/run.status")" = 0 ] || diag "$G/run.err"
name=$(printf '%s-%s' "$(cat "$G/uname-n")" "$(cat "$G/uname-r")" | tr -c 'A-Za-z0-9._+-' '_')
D=$G/results/$name
check "its results are in results/HOST-KERNEL ($name)" [ -s "$D/summary.csv" ]
check "the last line says so" grep -qx "results: /out/results/$name" <(tail -n 1 "$G/run.out")
check "tracepoint, kprobe and fentry each counted every event" python3 - "$D/summary.csv" <<'PY'
import csv, sys
rows = {r["hook"]: r for r in csv.DictReader(open(sys.argv[1]))}
for hook in ("tracepoint", "kprobe", "fentry"):
    r = rows[hook]
    print(f"#   {hook}: {r['status']}, {r['events_seen']}/{r['events_expected']}")
    assert r["status"] == "ok" and int(r["events_expected"]) > 0
    assert r["events_seen"] == r["events_expected"]
PY
check "report.md came back" [ -s "$D/report.md" ]
check "and the bundle's manifest, arch=$ARCH" grep -qx "arch=$ARCH" "$D/bundle-manifest"
check "no chart was drawn (no gnuplot in the guest)" bash -c "! ls '$D'/charts/*.png >/dev/null 2>&1"
done_testing
