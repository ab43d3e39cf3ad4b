#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench list under kernel lockdown: a hook the kernel refuses with EPERM
# names the lockdown mode in its reason, and says whether lockdown itself
# refused it (the lockdown LSM logs each refusal to the kernel log).
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_bpf

# The mode as the lockdown file says it, mounting securityfs privately when needed.
lockdown_mode() {
	local dir text
	if [ -r /sys/kernel/security/lockdown ]; then
		text=$(cat /sys/kernel/security/lockdown)
	else
		dir=$(mktemp -d) || return
		mount -t securityfs securityfs "$dir" 2>/dev/null &&
			{ text=$(cat "$dir/lockdown" 2>/dev/null); umount "$dir"; }
		rmdir "$dir"
	fi
	sed -n 's/.*\[\(.*\)\].*/\1/p' <<<"$text"
}

mode=$(lockdown_mode)
case $mode in
integrity | confidentiality) ;;
*) skip_all "kernel lockdown is ${mode:-unreadable} here, not integrity or confidentiality" ;;
esac
"$HB" list --csv >"$WORK/list.csv" 2>"$WORK/err"
check "list --csv exits 0" [ $? -eq 0 ]
grep -E '^[a-z_]+,unsupported,"?[^,]*(Operation not permitted|lockdown)' "$WORK/list.csv" >"$WORK/refused"
[ -s "$WORK/refused" ] || skip_all "no hook is refused with EPERM under $mode lockdown here"
sed 's/^/# /' "$WORK/refused"
check "each EPERM refusal names kernel lockdown ($mode)" \
	bash -c "! grep -vF 'kernel lockdown ($mode)' '$WORK/refused'"
check "and says whether lockdown refused it" \
	bash -c "! grep -vE 'kernel lockdown \\($mode\\) (refuses it: .* is restricted|logged no refusal of it)' '$WORK/refused'"
"$HB" list >"$WORK/list.txt" 2>&1
check "the table shows the same reason" grep -qF "kernel lockdown ($mode)" "$WORK/list.txt"
done_testing
