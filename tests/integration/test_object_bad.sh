#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench run --object with bad input: one clear line on stderr each, exit
# 1 (2 for a malformed option), no results directory and nothing left
# attached or loaded. The objects are tests/fixtures/bpf/, built by meson.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/../lib.sh"
require_bpf
EX=$BUILD/bpf/examples
FIX=$BUILD/tests
printf 'not an object\n' >"$WORK/notes.txt"

# refused NAME WANT_RC PATTERN ARGS...: the run refuses with one line matching PATTERN.
refused() {
	local name=$1 want=$2 pattern=$3 rc lines
	shift 3
	"$HB" run "$@" --blocks 12 --ops-per-block 500 --warmup 0 --replicates 1 --no-control \
		--no-coverage --out "$WORK/$name" >"$WORK/$name.out" 2>"$WORK/$name.err"
	rc=$?
	lines=$(grep -c . "$WORK/$name.err")
	CHECK_DIAG=$WORK/$name.err check "$name: exit $want (got $rc), one line on stderr (got $lines)" \
		[ "$rc" -eq "$want" -a "$lines" -eq 1 ]
	CHECK_DIAG=$WORK/$name.err check "$name: the line says /$pattern/" grep -qE -e "$pattern" "$WORK/$name.err"
	check "$name: no results directory" [ ! -e "$WORK/$name" -a ! -e "$WORK/$name.partial" ]
	sed 's/^/# /' "$WORK/$name.err"
}

leak_check_begin
refused not-elf 1 'notes.txt is not an ELF file' --object "$WORK/notes.txt"
refused not-bpf 1 'hookbench is an ELF file for another machine .*not a BPF object' --object "$HB"
refused missing-file 1 'no-such.bpf.o: cannot open it: No such file' --object "$WORK/no-such.bpf.o"
refused verifier 1 "verifier_reject:read_directly cannot run here: the verifier rejected it: ; return name\\[0\\]; @ verifier_reject\\.bpf\\.c:[0-9]+ / [0-9]+: \\(.*\\) .* / R1 invalid mem access 'scalar'\$" \
	--object "$FIX/verifier_reject.bpf.o"
refused not-attachable 1 'cannot attach any of its programs on its own \(keep_packets \(SEC socket\)\).*--program' \
	--object "$FIX/not_attachable.bpf.o"
refused not-attachable-named 1 'cannot attach program keep_packets on its own \(SEC "socket"\)' \
	--object "$FIX/not_attachable.bpf.o" --program keep_packets
refused no-attach-point 1 'missing_attach:on_missing cannot run here: this kernel has no tracepoint syscalls:sys_enter_no_such_call' \
	--object "$FIX/missing_attach.bpf.o"
refused pinned 1 'map hb_pinned_calls is pinned by name .*does not pin' --object "$FIX/pinned_map.bpf.o"
refused set-not-global 1 '--set target_pid: .* has no global target_pid in .rodata \(const volatile globals: target_tgid, quiet\)' \
	--object "$EX/unlink_tracepoint.bpf.o" --set target_pid=1
refused set-pid-not-global 1 '--set-pid unlink_enter: .* has no global unlink_enter' \
	--object "$EX/unlink_tracepoint.bpf.o" --set-pid unlink_enter
refused set-out-of-range 1 '--set target_tgid=-1: out of range for its type, a 4-byte unsigned integer' \
	--object "$EX/unlink_tracepoint.bpf.o" --set target_tgid=-1
refused no-such-program 1 'has no program nope \(it has: unlink_enter\)' \
	--object "$EX/unlink_tracepoint.bpf.o" --program nope
refused set-malformed 2 "invalid --set 'target_tgid'" --object "$EX/unlink_tracepoint.bpf.o" --set target_tgid
refused set-without-object 2 'need --object FILE' --set target_tgid=1
check "no pin left in /sys/fs/bpf" [ ! -e /sys/fs/bpf/hb_pinned_calls ]
leak_check_end "every refusal"
done_testing
