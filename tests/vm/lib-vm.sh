# SPDX-License-Identifier: GPL-2.0-only
# Shared by the vm tests: skip (77) only when QEMU or the kernel image
# truly cannot be had; otherwise $HB and $KERNEL are ready.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
KERNEL=${VM_KERNEL:-debian-6.1-cloud}

command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	skip_all "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
[ -x "$BUILD/bench/hookbench-static" ] ||
	skip_all "no static guest programs in $BUILD (libbpf.a, libelf.a or libz.a missing)"
if ! "$HB" vm --fetch-only --kernel "$KERNEL" >"$WORK/fetch.out" 2>"$WORK/fetch.err"; then
	skip_all "the $KERNEL kernel image cannot be had: $(tail -n 1 "$WORK/fetch.err")"
fi
