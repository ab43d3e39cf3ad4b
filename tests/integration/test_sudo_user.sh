#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Started through sudo (SUDO_UID/SUDO_GID set, root): what hookbench writes
# belongs to the invoking user, and a loader's command runs as that user
# unless --as-root. nobody (65534) stands in for the user.
BUILD=$(realpath "${1:?build dir}")
. "$(dirname "$0")/../lib.sh"
require_root
TP=$BUILD/loaders/tp-loader
export SUDO_UID=65534 SUDO_GID=65534
# The workload threads' scratch lies in $TMPDIR; the result files in $WORK/cwd.
mkdir "$WORK/cwd"

# The command's output comes first, then the loader's counters.
uid=$("$TP" -- id -u 2>/dev/null | head -n 1)
check "tp-loader under sudo runs its command as the user (id -u: $uid)" [ "$uid" = 65534 ]
groups=$("$TP" -- id -G 2>/dev/null | head -n 1)
check "without root's groups (id -G: $groups)" bash -c "! grep -qw 0 <<<'$groups'"
uid=$("$TP" --as-root -- id -u 2>/dev/null | head -n 1)
check "with --as-root it runs as root (id -u: $uid)" [ "$uid" = 0 ]
"$TP" -o "$WORK/counters" -- true 2>/dev/null
check "tp-loader -o FILE is the user's" [ "$(stat -c %u:%g "$WORK/counters")" = 65534:65534 ]
uid=$(env -u SUDO_UID "$TP" -- id -u 2>/dev/null | head -n 1)
check "without SUDO_UID it stays root (id -u: $uid)" [ "$uid" = 0 ]

# hookbench run into the default results/, then report (and its charts).
cd "$WORK/cwd" || exit 99
"$HB" run --hooks tracepoint --blocks 12 --ops-per-block 200 --warmup 0 --stats-blocks 1 \
	>"$WORK/run.out" 2>"$WORK/run.err"
rc=$?
check "hookbench run under sudo exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$WORK/run.err"
dir=$(sed -n 's/^results: //p' "$WORK/run.out")
check "it wrote $dir" [ -n "$dir" ] && [ -f "$dir/summary.csv" ]
"$HB" report "$dir" >/dev/null 2>"$WORK/report.err"
check "hookbench report under sudo exits 0" [ $? -eq 0 ]
check "report.md was written" [ -f "$dir/report.md" ]
foreign=$(find results ! -uid 65534 -o ! -gid 65534 2>&1)
check "results/, DIR and everything in it belong to 65534:65534" [ -z "$foreign" ]
[ -z "$foreign" ] || find results ! -uid 65534 -o ! -gid 65534 | xargs ls -ld | diag
done_testing
