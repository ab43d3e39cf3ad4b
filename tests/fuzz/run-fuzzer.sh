#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run one libFuzzer target for a bounded time on a scratch copy of its seeds.
#
#   run-fuzzer.sh FUZZER SEEDS [SECONDS [LIBFUZZER-FLAG...]]
#
# SECONDS defaults to $FUZZ_SECONDS, else 30; $FUZZ_ARGS adds flags too.
# libFuzzer writes the inputs it finds into its first corpus directory, so
# SEEDS is copied to a mktemp -d directory first and never written. The
# scratch directory is removed after a clean run; after a crash, leak,
# timeout or out-of-memory it is kept and named (artifacts/ holds the input).
# Exit status: 0 clean, 1 the fuzzer found something, 99 cannot run.
set -u

if [ $# -lt 2 ]; then
	echo "usage: $0 FUZZER SEEDS [SECONDS [LIBFUZZER-FLAG...]]" >&2
	exit 99
fi
fuzzer=$1
seeds=$2
seconds=${3:-${FUZZ_SECONDS:-30}}
shift $(($# < 3 ? $# : 3))

if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
	# -max_total_time=0 would mean "forever".
	echo "$0: SECONDS must be a whole number >= 1, not '$seconds'" >&2
	exit 99
fi
if [ ! -x "$fuzzer" ]; then
	echo "$0: $fuzzer: not an executable" >&2
	exit 99
fi
if [ ! -d "$seeds" ]; then
	echo "$0: $seeds: not a directory" >&2
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hb-fuzz.XXXXXX") || exit 99
keep=0
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup()
{
	if [ "$keep" = 1 ]; then
		echo "$0: kept $tmp (crashing input under $tmp/artifacts/)" >&2
	else
		rm -rf -- "$tmp"
	fi
}
trap cleanup EXIT
mkdir "$tmp/corpus" "$tmp/artifacts" || exit 99
cp -R -- "$seeds/." "$tmp/corpus/" || exit 99

# UBSan only reports by default; make undefined behaviour a finding. Keep
# the caller's settings when given.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer >/dev/null; then
	ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer)
	export ASAN_SYMBOLIZER_PATH
fi

# libFuzzer's own exit status for a finding is 77, which meson reads as
# "skipped": ask for 1. The outer timeout only guards against a fuzzer that
# stops answering; -max_total_time ends a healthy one.
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
timeout -k 30 $((seconds + 300)) "$fuzzer" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -error_exitcode=1 -timeout_exitcode=1 \
	-artifact_prefix="$tmp/artifacts/" ${FUZZ_ARGS:-} "$@" "$tmp/corpus"
rc=$?

files=$(find "$tmp/corpus" -type f | wc -l)
bytes=$(find "$tmp/corpus" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
echo "corpus: $files inputs, $bytes bytes (from $(find "$seeds" -type f | wc -l) seeds)"

if [ "$rc" -ne 0 ]; then
	keep=1
	# Neither meson's "skipped" (77) nor its "hard error" (99): a finding.
	if [ "$rc" -eq 77 ] || [ "$rc" -eq 99 ]; then
		rc=1
	fi
fi
exit "$rc"
