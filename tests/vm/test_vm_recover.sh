#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In a Debian guest: a run holding --kprobe-optimization off killed with
# SIGKILL leaves the sysctl at 0 and its record; the next run puts it back
# before it starts and says so. Hold /tmp/hookbench-vm.lock around it.
. "$(dirname "$0")/lib-vm.sh"

"$HB" vm --kernel "$KERNEL" --guest-script "$(dirname "$0")/guest-sigkill.sh" \
	--guest-file "$(dirname "$0")/guest-lib.sh" \
	--out "$WORK/guest" 2>"$WORK/err"
rc=$?
check "hookbench vm with the SIGKILL script exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/err"
G=$WORK/guest
[ -e "$G/skip" ] && skip_all "$(cat "$G/skip")"
before=$(cat "$G/before")
pid=$(cat "$G/pid")
check "the killed run had set the sysctl to 0 ($(cat "$G/during"))" [ "$(cat "$G/during")" = 0 ]
check "SIGKILL left it at 0 ($(cat "$G/after-kill"))" [ "$(cat "$G/after-kill")" = 0 ]
check "and its record in /run/hookbench ($(cat "$G/records"))" \
	grep -q '^sysctl-debug.kprobes-optimization.state$' "$G/records"
check "the next run exits 0 ($(cat "$G/next.status"))" [ "$(cat "$G/next.status")" = 0 ]
check "the next run put the sysctl back to $before ($(cat "$G/after-next"))" \
	[ "$(cat "$G/after-next")" = "$before" ]
check "and said so: $(grep restored "$G/next.err")" grep -qx \
	"hookbench: restored /proc/sys/debug/kprobes-optimization to $before, left at 0 by hookbench run pid $pid that did not finish" \
	"$G/next.err"
check "the record is gone" [ ! -s "$G/records-after" ]
done_testing
