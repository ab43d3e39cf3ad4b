#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the VM guest (busybox sh), with the output directory as $1.
# Measures every hook hookbench lists briefly, one at a time, with every payload; records
# what the kernel had loaded before and after each; runs the reentry
# experiment; checks that --kprobe-optimization is put back after signals;
# lists a program attached by kprobe-loader on the syscall path; refuses to
# run beside a kprobe attached through a bare perf event; gathers
# facts the host-side check_guest.py judges by kernel version.
. /bin/guest-lib.sh
OUT=$1
SMALL="--blocks 12 --ops-per-block 100 --warmup 0 --stats-blocks 1 --no-coverage"

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
# The hooks below the syscall fire only when a name is removed: guest-lsm.sh measures them.
HOOKS=$(tail -n +2 "$OUT/list.csv" | cut -d, -f1 |
	grep -vxE 'lsm|kprobe_security|fentry_security|kprobe_vfs|fentry_vfs|fmod_ret')
# Each hook is its own reference (no tracepoint rows added to every run); the
# none control rows come along.
for hook in $HOOKS; do
	echo "guest: measuring $hook" >&2
	ids >"$OUT/before-$hook"
	hookbench run --hooks "$hook" --reference "$hook" --payload count,capture \
		--mode enoent,create $SMALL --out "$OUT/$hook" 2>"$OUT/$hook.err"
	echo $? >"$OUT/$hook.status"
	hookbench run --hooks "$hook" --reference "$hook" --payload empty,ringbuf,printk \
		--mode enoent $SMALL --out "$OUT/$hook-more" 2>"$OUT/$hook-more.err"
	echo $? >"$OUT/$hook-more.status"
	# What the hook costs other syscalls: getppid(), where nothing may fire.
	hookbench run --hooks "$hook" --reference "$hook" --payload count --mode other \
		$SMALL --out "$OUT/$hook-other" 2>"$OUT/$hook-other.err"
	echo $? >"$OUT/$hook-other.status"
	settled_ids "$OUT/before-$hook" >"$OUT/after-$hook"
done

# How the kernel implemented the kprobe: read while kprobe-loader holds it.
kprobe-loader -- sh -c 'cat /sys/kernel/debug/kprobes/list' >"$OUT/kprobes-list.txt" 2>&1
kprobe-loader --payload capture --json -o "$OUT/kprobe-capture.json" -- \
	unlink-storm --mode create --iterations 100 >/dev/null 2>"$OUT/kprobe-capture.err"
echo $? >"$OUT/kprobe-capture.status"
tp-loader --json -o "$OUT/tp-loader.json" -- unlink-storm --iterations 1000 >/dev/null 2>&1

# A program someone else attached to the syscall path shows in meta.json
# (--allow-foreign: without it the run refuses to start).
kprobe-loader >/dev/null 2>"$OUT/attached-loader.err" &
loader=$!
# Wait for its own program on do_unlinkat: any link would do too early (tp-loader's
# closed link can still be listed while it is freed).
i=0
while ! hookbench census | grep -q ' name hb_kprobe on kprobe:do_unlinkat via ' && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
hookbench run --hooks tracepoint --payload count $SMALL --allow-foreign --out "$OUT/attached" >/dev/null \
	2>"$OUT/attached.err"
kill -INT $loader
wait $loader

# A kprobe attached through a perf event, no link (as bpftrace attaches):
# refused all the same, the census saying how it is attached.
hb-perf-attach-static kprobe do_unlinkat >"$OUT/perf-attach.out" 2>"$OUT/perf-attach.err" &
pa=$!
echo $pa >"$OUT/perf-attach.pid"
i=0
while ! grep -q '^prog ' "$OUT/perf-attach.out" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
hookbench census >"$OUT/perf-census.txt" 2>&1
hookbench run --hooks tracepoint --payload count $SMALL --out "$OUT/perf-refused" >/dev/null \
	2>"$OUT/perf-refused.err"
echo $? >"$OUT/perf-refused.status"
kill -INT $pa
wait $pa

echo "guest: reentry experiment" >&2
hookbench run --experiment reentry --ops-per-block 200 --out "$OUT/reentry" \
	>"$OUT/reentry.txt" 2>"$OUT/reentry.err"
echo $? >"$OUT/reentry.status"

# --kprobe-optimization: set while running, back after one SIGINT, after two.
if [ -e $OPT ]; then
	cat $OPT >"$OUT/opt-before"
	for signals in 1 2; do
		start_opt_off "$OUT/opt-$signals" "$OUT/opt-during-$signals"
		sleep 1
		kill -INT $pid
		[ $signals = 2 ] && kill -INT $pid
		wait $pid
		echo $? >"$OUT/opt-status-$signals"
		cat $OPT >"$OUT/opt-after-$signals"
	done
fi
echo "guest: checks done" >&2
exit 0
