#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM guest (busybox sh), with the output directory as $1.
# Measures every hook briefly, one at a time, records what the kernel had
# attached before and after each, and gathers facts the host-side test
# checks: the kprobe flavour, link-info support, a kprobe capture.
OUT=$1
HOOKS="tracepoint tracepoint_exit raw_tp tp_btf kprobe kretprobe kprobe_multi fentry fexit"

ids() { hookbench census | cut -d' ' -f1,2 | sort; }

# Closed links and programs are freed after a grace period: wait up to 10 s.
settled_ids() {
	i=0
	ids >"$OUT/tmp-ids"
	while [ $i -lt 50 ] && ! cmp -s "$1" "$OUT/tmp-ids"; do
		sleep 0.2
		i=$((i + 1))
		ids >"$OUT/tmp-ids"
	done
	cat "$OUT/tmp-ids"
	rm -f "$OUT/tmp-ids"
}

uname -r >"$OUT/uname"
hookbench list --csv >"$OUT/list.csv" 2>"$OUT/list.err"
for hook in $HOOKS; do
	echo "guest: measuring $hook" >&2
	ids >"$OUT/before-$hook"
	hookbench run --hooks "$hook" --payload count,capture --mode enoent,create \
		--blocks 6 --ops-per-block 100 --warmup 0 --stats-blocks 1 \
		--out "$OUT/$hook" 2>"$OUT/$hook.err"
	echo $? >"$OUT/$hook.status"
	settled_ids "$OUT/before-$hook" >"$OUT/after-$hook"
done

# How the kernel implemented the kprobe: read while kprobe-loader holds it.
kprobe-loader -- sh -c 'cat /sys/kernel/debug/kprobes/list' >"$OUT/kprobes-list.txt" 2>&1
kprobe-loader --payload capture --json -o "$OUT/kprobe-capture.json" -- \
	unlink-storm --mode create --iterations 100 >/dev/null 2>"$OUT/kprobe-capture.err"
echo $? >"$OUT/kprobe-capture.status"
tp-loader --json -o "$OUT/tp-loader.json" -- unlink-storm --iterations 1000 >/dev/null 2>&1
echo "guest: checks done" >&2
exit 0
