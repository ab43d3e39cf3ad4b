#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/fleet/Containerfile built offline with podman, in a private image
# store: the base from busybox-static (make-base-image), then the bundle's
# image. MODE image: the build and what the image holds. MODE run: also a
# short run in the container (privileged, the host's PID namespace), which
# must count every event; skipped, with the engine's own error, where this
# machine cannot start a container at all. Root; the run attaches BPF, so
# hold /tmp/hookbench-dev.lock around it.
BUILD=${1:?build dir}
SRC=${2:?source dir}
MODE=${3:?image or run}
. "$(dirname "$0")/../lib.sh"
require_root
[ -x "$BUILD/bench/hookbench-static" ] ||
	skip_all "no static programs in $BUILD (libbpf.a, libelf.a or libz.a missing)"
command -v podman >/dev/null 2>&1 || skip_all "podman is not installed"
[ -x /bin/busybox ] || skip_all "no /bin/busybox (busybox-static) for the base image"
case $(uname -m) in
x86_64) arch=x86_64 ;;
aarch64) arch=arm64 ;;
*) skip_all "bundles are built for x86_64 and arm64, this is $(uname -m)" ;;
esac

# A private store under $WORK (removed with it): nothing of the machine's images is touched.
P=(podman --root "$WORK/storage" --runroot "$WORK/runroot" --storage-driver vfs)

CONTAINER_ENGINE="${P[*]}" "$SRC/scripts/fleet/make-base-image" >"$WORK/base.out" 2>"$WORK/base.err"
rc=$?
check "make-base-image exits 0 (got $rc): $(cat "$WORK/base.out")" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { diag "$WORK/base.err"; done_testing; }
mkdir "$WORK/context"
"$HB" bundle --out "$WORK/context/hookbench-$arch.tar.gz" >/dev/null
IMAGE=localhost/hookbench-bundle:test
"${P[@]}" build -f "$SRC/scripts/fleet/Containerfile" --build-arg "BUNDLE=hookbench-$arch.tar.gz" \
	-t "$IMAGE" "$WORK/context" >"$WORK/build.out" 2>&1
rc=$?
check "podman build of the Containerfile, offline, exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { tail -n 20 "$WORK/build.out" | diag; done_testing; }

# What the image holds, read without running it (create + export need no runtime).
id=$("${P[@]}" create "$IMAGE" 2>"$WORK/create.err")
"${P[@]}" export "$id" | tar -t | sed 's|^\./||' | sort >"$WORK/files"
"${P[@]}" rm "$id" >/dev/null 2>&1
check "the image holds busybox and its sh and tar" \
	bash -c "grep -qx 'bin/busybox' '$WORK/files' && grep -qx 'bin/sh' '$WORK/files' && grep -qx 'bin/tar' '$WORK/files'"
check "and the unpacked bundle: /opt/hookbench-VERSION-$arch/run and its programs" \
	bash -c "grep -qx 'opt/hookbench-.*-$arch/run' '$WORK/files' &&
		[ \$(grep -cx 'opt/hookbench-.*-$arch/bin/[a-z-]\+' '$WORK/files') -eq 4 ]"
entry=$("${P[@]}" image inspect "$IMAGE" --format '{{json .Config.Entrypoint}}')
check "its entry point is the bundle's run ($entry)" grep -q 'exec /opt/hookbench-\*/run' <<<"$entry"
[ "$MODE" = run ] || done_testing

# Can this machine start a container at all? The engine's answer is the reason.
"${P[@]}" run --rm --network none localhost/hookbench-base true >"$WORK/probe.out" 2>&1 ||
	skip_all "podman cannot start a container here: $(tail -n 1 "$WORK/probe.out")"
kernel=$(printf '%s' "$(uname -r)" | tr -c 'A-Za-z0-9._+-' '_')
mkdir "$WORK/results"
"${P[@]}" run --rm --network none --privileged --pid=host \
	-v /sys/kernel/btf:/sys/kernel/btf:ro -v "$WORK/results:/results" "$IMAGE" \
	--results /results --host container-test -- --hooks tracepoint --payload count \
	--blocks 12 --ops-per-block 500 --warmup 0 --stats-blocks 0 >"$WORK/run.out" 2>&1
rc=$?
check "the container's run exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || tail -n 20 "$WORK/run.out" | diag
D=$WORK/results/container-test-$kernel
check "its results are in the mounted folder (container-test-$kernel)" [ -s "$D/summary.csv" ]
check "and it counted every event (the host's PID namespace)" python3 - "$D/summary.csv" <<'EOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["hook"] == "tracepoint"]
assert rows and all(r["status"] == "ok" and r["events_seen"] == r["events_expected"] != "0" for r in rows), rows
EOF
done_testing
