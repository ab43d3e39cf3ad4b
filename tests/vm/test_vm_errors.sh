#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench vm's failures name what failed: a missing kernel, missing QEMU,
# a guest that panics (with its last console lines), an existing --out.
. "$(dirname "$0")/lib-vm.sh"

"$HB" vm --kernel /nonexistent/vmlinuz --out "$WORK/a" >/dev/null 2>"$WORK/err"
rc=$?
check "a missing vmlinuz fails (exit $rc)" [ $rc -ne 0 ]
check "and says the kernel was not found" grep -q 'kernel not found: no file /nonexistent/vmlinuz' "$WORK/err"
"$HB" vm --kernel debian-9.9-nonsense --out "$WORK/b" >/dev/null 2>"$WORK/err"
check "an unknown kernel name says what a kernel can be" grep -q "kernel not found: 'debian-9.9-nonsense' is not a file" "$WORK/err"
check "nothing was written for either" bash -c "! ls '$WORK'/a* '$WORK'/b* >/dev/null 2>&1"

mkdir "$WORK/bin"
for tool in python3 apt-cache apt-get dpkg-deb busybox; do
	ln -s "$(readlink -f "$(command -v $tool)")" "$WORK/bin/$tool" 2>/dev/null
done
[ -x /usr/bin/python3 ] && ln -sf /usr/bin/python3 "$WORK/bin/python3"
PATH=$WORK/bin "$HB" vm --kernel "$KERNEL" --out "$WORK/c" >/dev/null 2>"$WORK/err"
rc=$?
check "without QEMU it fails (exit $rc)" [ $rc -ne 0 ]
check "and names qemu-system-x86_64" grep -q 'qemu-system-x86_64 is missing' "$WORK/err"

HOOKBENCH_VM_APPEND=rdinit=/no-such-init "$HB" vm --kernel "$KERNEL" --timeout 300 \
	--hooks tracepoint --out "$WORK/d" >/dev/null 2>"$WORK/err"
rc=$?
check "a guest that panics fails (exit $rc)" [ $rc -ne 0 ]
check "the error says the guest panicked" grep -q 'the guest panicked' "$WORK/err"
check "and shows the guest's last console lines" grep -q '^  | .*Kernel panic' "$WORK/err"
check "the console tail is at most 20 lines" [ "$(grep -c '^  | ' "$WORK/err")" -le 20 ]

mkdir "$WORK/exists"
"$HB" vm --kernel "$KERNEL" --out "$WORK/exists" >/dev/null 2>"$WORK/err"
check "an existing --out is refused" grep -q 'refusing to overwrite existing' "$WORK/err"
check "and left empty" [ -z "$(ls -A "$WORK/exists")" ]
done_testing
