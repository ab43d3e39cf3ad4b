#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# unlink-storm's normal runs: op counts, output formats, that it really calls unlinkat.
source "$(dirname "${BASH_SOURCE[0]}")/lib-storm.sh"

D=$WORK/d
mkdir "$D"

valid_json() {
	[ "$(lines "$WORK/out")" = 1 ] || return 1
	if command -v jq >/dev/null; then
		jq -e 'type == "object"' "$WORK/out" >/dev/null
	else
		grep -q '^{.*}$' "$WORK/out"
	fi
}

for mode in enoent create churn other; do
	run --mode "$mode" --json --iterations 1000 --dir "$D"
	check "$mode: --json --iterations 1000 exits 0, stderr empty" \
		test "$RC" = 0 -a ! -s "$WORK/err"
	check "$mode: stdout is exactly one JSON object" valid_json
	check "$mode: ops == 1000" test "$(json_num ops "$WORK/out")" = 1000
	check "$mode: mode, threads, pid reported" test \
		"$(json_str mode "$WORK/out"),$(json_num threads "$WORK/out")" = "$mode,1" \
		-a -n "$(json_num pid "$WORK/out")"
	if [ "$mode" = enoent ]; then
		check "enoent: enoent_name is hookbench-absent" \
			test "$(json_str enoent_name "$WORK/out")" = hookbench-absent
	elif [ "$mode" = other ]; then
		check "other: the syscall is getppid, no file name" \
			test "$(json_str syscall "$WORK/out")" = getppid -a -z "$(json_str create_name "$WORK/out")"
	else
		check "$mode: create_name is hookbench-file" \
			test "$(json_str create_name "$WORK/out")" = hookbench-file
	fi
	scratch=$(json_str scratch_dir "$WORK/out")
	check "$mode: scratch_dir was under --dir and is gone" \
		test "${scratch#"$D"/unlink-storm.}" != "$scratch" -a ! -e "$scratch"
	ns_ok() {
		awk -v e="$(json_num elapsed_ns "$WORK/out")" -v t="$(json_num threads "$WORK/out")" \
		    -v o="$(json_num ops "$WORK/out")" -v n="$(json_num ns_per_op "$WORK/out")" \
		    'BEGIN { x = e * t / o; exit !(o > 0 && x > 0 && (n - x < 0.01 * x) && (x - n < 0.01 * x)) }'
	}
	check "$mode: ns_per_op == elapsed_ns / (ops / threads)" ns_ok

	run --mode "$mode" --json --threads 2 --iterations 500 --dir "$D"
	check "$mode: --threads 2 --iterations 500 gives ops 1000" \
		test "$RC" = 0 -a "$(json_num ops "$WORK/out")" = 1000
	check "$mode: thread_ops is [500,500]" grep -q '"thread_ops":\[500,500\]' "$WORK/out"
done

run --iterations 1000 --dir "$D"
check "default output is one summary line" \
	grep -Eqx 'unlink-storm: enoent, 1 thread, 1000 ops in [0-9]+\.[0-9]{3} s, [0-9]+\.[0-9] ns/op' "$WORK/out"
check "default output: nothing on stderr, exit 0" test "$RC" = 0 -a ! -s "$WORK/err"

run --duration 0.2 --threads 2 --json --dir "$D"
check "--duration 0.2: exits 0 with ops > 0" \
	test "$RC" = 0 -a "$(json_num ops "$WORK/out")" -gt 0
check "--duration: iterations is null" grep -q '"iterations":null' "$WORK/out"

run --cpu 0 --threads 2 --iterations 100 --json --dir "$D"
check "--cpu 0 --threads 2 pins both threads and runs" \
	test "$RC" = 0 -a "$(json_num ops "$WORK/out")" = 200
check "--cpu is reported" grep -q '"cpus":\[0\]' "$WORK/out"

check "nothing left in --dir after the runs" test -z "$(ls -A "$D")"

# Count syscalls with strace: every iteration must be unlinkat, never unlink.
strace_calls() { awk -v n="$1" '$NF == n { c = $4 } END { print c + 0 }' "$WORK/strace"; }
if ! command -v strace >/dev/null; then
	skip "enoent, create under strace: unlinkat, never unlink" "strace missing"
	skip "churn, other under strace: one call per iteration" "strace missing"
elif ! strace -o /dev/null true 2>/dev/null; then
	skip "enoent, create under strace: unlinkat, never unlink" "strace cannot trace here (ptrace not permitted)"
	skip "churn, other under strace: one call per iteration" "strace cannot trace here (ptrace not permitted)"
else
	for mode in enoent create; do
		# LeakSanitizer cannot run under ptrace (sanitized builds).
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -c -e trace=unlink,unlinkat -o "$WORK/strace" \
			"$STORM" --mode "$mode" --threads 2 --iterations 1000 --dir "$D" >/dev/null 2>"$WORK/err"
		rc=$?
		u=$(strace_calls unlinkat)
		l=$(strace_calls unlink)
		check "$mode under strace: unlinkat calls $u >= 2000, unlink calls $l == 0" \
			test "$rc" = 0 -a "$u" -ge 2000 -a "$l" = 0
	done
	# churn: one unlinkat of the file per iteration (the scratch dirs go with rmdir).
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -f -c -e trace=unlinkat,openat,write,close,newfstatat -o "$WORK/strace" \
		"$STORM" --mode churn --threads 2 --iterations 1000 --dir "$D" >/dev/null 2>"$WORK/err"
	rc=$?
	u=$(strace_calls unlinkat)
	check "churn under strace: exactly one unlinkat per iteration ($u == 2000)" \
		test "$rc" = 0 -a "$u" = 2000
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -f -c -e trace=getppid,unlinkat -o "$WORK/strace" \
		"$STORM" --mode other --threads 2 --iterations 1000 --dir "$D" >/dev/null 2>"$WORK/err"
	rc=$?
	g=$(strace_calls getppid)
	u=$(strace_calls unlinkat)
	check "other under strace: getppid calls $g == 2000, no unlinkat ($u)" \
		test "$rc" = 0 -a "$g" = 2000 -a "$u" = 0
fi

for h in --help -h; do
	run $h
	check "$h exits 0 and shows EXAMPLES on stdout" \
		test "$RC" = 0 -a ! -s "$WORK/err" -a -n "$(grep -x 'EXAMPLES:' "$WORK/out")"
done
check "--help explains ns_per_op" grep -q 'ns_per_op' "$WORK/out"

done_testing
