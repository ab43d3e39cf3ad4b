#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Foreign programs attached without a BPF link, through a perf event
# (PERF_EVENT_IOC_SET_BPF), as bpftrace and bcc attach them: refused,
# flagged with --allow-foreign and 'contaminated' mid-run like a linked one
# (lib-foreign.sh), once with hb-perf-attach's bare perf event and once
# with bpftrace when it is installed. hookbench census tells the two ways
# apart.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/lib-foreign.sh"
HELPER=$BUILD/tests/hb-perf-attach
trap 'stop_helper; stop_bpftrace; stop_loader; rm -rf "$WORK"' EXIT

# hb-perf-attach on sys_enter_unlinkat; its line "prog ID fd FD" once attached.
start_helper() {
	prog= fd=
	"$HELPER" tracepoint syscalls/sys_enter_unlinkat >"$WORK/helper.out" 2>"$WORK/helper.err" &
	helper=$!
	for _ in $(seq 100); do
		read -r _ prog _ fd <"$WORK/helper.out" 2>/dev/null && [ -n "$fd" ] && break
		sleep 0.1
	done
	owner=$helper comm=hb-perf-attach type=tracepoint name=hb_perf_attach
	attach=tracepoint:syscalls:sys_enter_unlinkat
}
stop_helper() { kill -INT "$helper" 2>/dev/null; wait "$helper" 2>/dev/null; }

# bpftrace looks tracepoints up in tracefs: mounted for it alone when it is not.
WITH_TRACEFS=()
[ -e /sys/kernel/tracing/events ] || [ -e /sys/kernel/debug/tracing/events ] ||
	WITH_TRACEFS=(unshare -m --propagation private sh -c 'mount -t tracefs nodev /sys/kernel/tracing && exec "$0" "$@"')

# bpftrace's program is found by its pid in the census (its id and name are bpftrace's choice).
start_bpftrace() {
	local line=
	"${WITH_TRACEFS[@]}" bpftrace -e 'tracepoint:syscalls:sys_enter_unlinkat { @c = count(); }' >"$WORK/bpftrace.out" 2>&1 &
	bpftrace=$!
	for _ in $(seq 300); do # bpftrace compiles first: up to 30 s
		line=$("$HB" census 2>/dev/null | grep " of pid $bpftrace (" | head -n 1)
		[ -n "$line" ] && break
		sleep 0.1
	done
	read -r _ prog _ type _ name _ <<<"$line"
	owner=$bpftrace comm=bpftrace attach=tracepoint:syscalls:sys_enter_unlinkat
	echo "# census: $line"
}
stop_bpftrace() { kill -INT "$bpftrace" 2>/dev/null; wait "$bpftrace" 2>/dev/null; }

leak_check_begin

# Side by side in the census: a link-attached program and a perf-attached one.
start_loader
start_helper
"$HB" census >"$WORK/census" 2>&1
check "hb-perf-attach attached prog $prog without a BPF link" \
	bash -c "[ -n '$prog' ] && ! bpftool link list | grep -q ' prog $prog\$'"
tp_link=$(cat /proc/$loader/fdinfo/* 2>/dev/null | sed -n 's/^link_id:[[:space:]]*//p' | head -n 1)
tp_prog=$(bpftool link show id "${tp_link:-0}" 2>/dev/null | sed -n 's/.* prog \([0-9]\+\).*/\1/p')
check "census: the link-attached program, via its link" grep -qxF \
	"prog $tp_prog type tracepoint name hb_tracepoint on tracepoint:syscalls:sys_enter_unlinkat via link $tp_link" "$WORK/census"
check "census: the perf-attached program, via the perf event's fd and its process" grep -qxF \
	"prog $prog type tracepoint name hb_perf_attach on tracepoint:syscalls:sys_enter_unlinkat via perf fd $fd of pid $helper (hb-perf-attach)" "$WORK/census"
grep -E "hb_tracepoint|hb_perf_attach" "$WORK/census" | sed 's/^/# census: /'
"$HB" "${RUN[@]}" --allow-foreign --out "$WORK/both" >/dev/null 2>"$WORK/both.err"
check "both: meta.json lists each once" \
	py "sorted(p['id'] for p in meta['foreign_programs'] if p['name'] in ('hb_tracepoint', 'hb_perf_attach')) == sorted([$tp_prog, $prog])" "$WORK/both"
stop_helper
stop_loader

foreign_checks hb-perf-attach start_helper stop_helper
if command -v bpftrace >/dev/null 2>&1; then
	foreign_checks bpftrace start_bpftrace stop_bpftrace
else
	N=$((N + 1))
	echo "ok $N - bpftrace # SKIP bpftrace is not installed"
fi
leak_check_end "runs, hb-perf-attach and bpftrace, stopped"
done_testing
