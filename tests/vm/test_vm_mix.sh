#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench mix in a Debian guest ($VM_KERNEL; its kernel runs 32-bit
# programs, this host's may not): a 32-bit program's unlinkat() calls are
# counted apart, by ia32's number, and named; the native ones exactly.
. "$(dirname "$0")/lib-vm.sh"
IA32=$BUILD/tests/ia32-unlinkat
[ -x "$IA32" ] || skip_all "no ia32-unlinkat in $BUILD (an x86_64 build only)"

"$HB" vm --kernel "$KERNEL" --guest-script "$(dirname "$0")/guest-mix.sh" --guest-file "$IA32" \
	--out "$WORK/guest" 2>"$WORK/err"
rc=$?
check "the guest exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
CHECK_DIAG="$WORK/guest/mix.err"
check "the 32-bit program, unlink-storm and mix exit 0" \
	[ "$(cat "$WORK/guest/status" 2>/dev/null)" = "$(printf 'ia32 0\nstorm 0\nmix 0')" ]
# row ABI NR: "name,count" of that row of mix.csv.
row() { awk -F, -v abi="$1" -v nr="$2" '$3 == abi && $1 == nr { print $2 "," $4 }' "$WORK/guest/mix.csv"; }
check "the 32-bit calls are a compat row of ia32's unlinkat, 2000 of them ($(row compat 301))" \
	[ "$(row compat 301)" = unlinkat,2000 ]
check "unlinkat's native row has exactly unlink-storm's 1000 ($(row native 263))" \
	[ "$(row native 263)" = unlinkat,1000 ]
check "stdout's share is the native calls' alone" grep -q '^unlinkat: 1,000 of ' "$WORK/guest/mix.out"
check "and names the 32-bit calls as such" grep -qF 'unlinkat (32-bit) 2,000' "$WORK/guest/mix.out"
done_testing
