#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In a Debian guest ($VM_KERNEL, default debian-6.1-cloud): every hook with
# every payload counts exactly and captures the right filename, leaves
# nothing attached; the reentry experiment and --kprobe-optimization; what a
# kernel lacks (6.1: FPROBE, link-info missed) is reported, not faked.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

"$HB" vm --kernel "$KERNEL" --guest-script "$(dirname "$0")/guest-checks.sh" \
	--out "$WORK/guest" 2>"$WORK/err"
rc=$?
check "hookbench vm with the guest checks exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
"$PYTHON" "$(dirname "$0")/check_guest.py" "$WORK/guest" >"$WORK/checks"
while read -r line; do
	case $line in
	ok*) ok "${line#ok * - }" ;;
	"not ok"*) not_ok "${line#not ok * - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$WORK/checks"
check "every guest check passed" bash -c "grep -q '^1\.\.' '$WORK/checks' && ! grep -q '^not ok' '$WORK/checks'"
done_testing
