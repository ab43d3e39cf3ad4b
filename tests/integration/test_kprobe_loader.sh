#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# kprobe-loader: on a kernel without kprobes it exits 77 with the reason;
# where kprobes exist it counts exactly and captures the right filename.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
require_bpf
LOADER=$BUILD/loaders/kprobe-loader

kprobes_here() {
	[ -e /sys/bus/event_source/devices/kprobe/type ] ||
		[ -e /sys/kernel/tracing/kprobe_events ] || [ -e /sys/kernel/debug/tracing/kprobe_events ]
}

leak_check_begin
"$LOADER" --json -o "$WORK/k.json" -- "$STORM" --mode enoent --iterations 5000 >/dev/null 2>"$WORK/err"
rc=$?
if ! kprobes_here; then
	check "no kprobes here: kprobe-loader exits 77 (got $rc)" [ $rc -eq 77 ]
	check "with one line on stderr" [ "$(wc -l <"$WORK/err")" -eq 1 ]
	check "that names what the kernel lacks" grep -q 'CONFIG_KPROBES' "$WORK/err"
	check "and writes no result" [ ! -e "$WORK/k.json" ]
	"$LOADER" --payload capture -- true >/dev/null 2>&1
	check "capture is unsupported too (77)" [ $? -eq 77 ]
else
	check "kprobe-loader exits 0 (got $rc)" [ $rc -eq 0 ]
	check "enoent: counts exactly 5000" [ "$(json_num events "$WORK/k.json")" = 5000 ]
	"$LOADER" --json -o "$WORK/kc.json" -- "$STORM" --mode create --iterations 500 >/dev/null 2>&1
	check "create: counts exactly 500" [ "$(json_num events "$WORK/kc.json")" = 500 ]
	"$LOADER" --payload capture --json -o "$WORK/cap.json" -- "$STORM" --mode create \
		--iterations 200 >/dev/null 2>&1
	check "capture reads the filename hookbench-file" \
		[ "$(json_str sample_filename "$WORK/cap.json")" = hookbench-file ]
	check "the attach point is a resolved kernel symbol" \
		grep -qE '"attach_point":"(do_unlinkat|filename_unlinkat)' "$WORK/k.json"
fi
leak_check_end "kprobe-loader"
done_testing
