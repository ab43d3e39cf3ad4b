#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A newer Debian kernel ($VM_KERNEL, debian-7.2-cloud in the suite): a split
# image fetched whole, its config in meta.json, tracepoint, kprobe and fentry
# counted exactly on the function the kernel really has, and unsupported rows
# with reasons when kallsyms offers no usable target.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

"$HB" vm --kernel "$KERNEL" --guest-script "$(dirname "$0")/guest-target.sh" \
	--out "$WORK/guest" 2>"$WORK/err"
rc=$?
check "hookbench vm --kernel $KERNEL exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
"$PYTHON" "$(dirname "$0")/check_target.py" "$WORK/guest" >"$WORK/checks"
while read -r line; do
	case $line in
	ok*) ok "${line#ok * - }" ;;
	"not ok"*) not_ok "${line#not ok * - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$WORK/checks"
grep -q '^not ok' "$WORK/checks" && for f in "$WORK"/guest/*.err; do tail -n 3 "$f" | diag; done
check "every target check passed" bash -c "grep -q '^1\.\.' '$WORK/checks' && ! grep -q '^not ok' '$WORK/checks'"
done_testing
