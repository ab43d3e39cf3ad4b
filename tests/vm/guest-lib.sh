# SPDX-License-Identifier: GPL-2.0-only
# Sourced by guest scripts (busybox sh) that `hookbench vm --guest-file` gave
# this file in /bin: what more than one of them does.
OPT=/proc/sys/debug/kprobes-optimization

# start_opt_off OUTDIR DURING: a kprobe_offset run holding
# --kprobe-optimization off, in the background (its pid in $pid, results in
# OUTDIR); once it has set the sysctl to 0 (up to 30 s), the sysctl's value
# goes to the file DURING.
start_opt_off() {
	hookbench run --hooks kprobe_offset --payload count --kprobe-optimization off \
		--blocks 1000 --stats-blocks 0 --out "$1" >/dev/null 2>&1 &
	pid=$!
	i=0
	while [ "$(cat $OPT)" != 0 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	cat $OPT >"$2"
}
