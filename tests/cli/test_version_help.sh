#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --version and -V on every program; `hookbench help [CMD]` against the
# usage and CMD --help. Needs no privileges.
BUILD=${1:?build dir}
SRC=${2:?source dir}
. "$(dirname "$0")/../lib.sh"

# The revision the build should carry: git's answer for the source tree,
# "unknown" where the tree has no git history (a tarball).
if git --git-dir="$SRC/.git" --work-tree="$SRC" rev-parse HEAD >/dev/null 2>&1; then
	want_rev=$(git --git-dir="$SRC/.git" --work-tree="$SRC" rev-parse --short HEAD)
else
	want_rev=unknown
fi
for prog in bench/hookbench loaders/tp-loader loaders/kprobe-loader workloads/unlink-storm; do
	name=${prog##*/}
	for opt in --version -V; do
		"$BUILD/$prog" $opt >"$WORK/out" 2>"$WORK/err"
		rc=$?
		first=$(head -n 1 "$WORK/out")
		check "$name $opt exits 0 with nothing on stderr (got $rc)" \
			bash -c "[ $rc -eq 0 ] && [ ! -s '$WORK/err' ]"
		check "$name $opt: '$first' is 'NAME VERSION (git REVISION)'" \
			grep -qE "^$name [0-9]+\.[0-9]+\.[0-9]+ \(git [^ ]+\)\$" <<<"$first"
		# describe says HASH, or TAG-N-gHASH once there are tags, maybe -dirty.
		check "$name $opt names the revision $want_rev" \
			grep -qE "\(git ([^ ]*-g)?$want_rev[^ ]*\)\$" <<<"$first"
	done
done
"$HB" --version >"$WORK/out"
check "hookbench --version names libbpf" grep -qE '^using libbpf v[0-9]+\.[0-9]+' "$WORK/out"

# help: the usage on stdout, exit 0; each listed command's help is its --help.
"$HB" help >"$WORK/help" 2>&1
check "help exits 0" [ $? -eq 0 ]
"$HB" --help >"$WORK/usage" 2>&1
check "help prints the usage" cmp -s "$WORK/help" "$WORK/usage"
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\) .*/\1/p' "$WORK/usage")
check "the usage lists the commands (got: $(echo $cmds))" \
	[ "$(echo $cmds)" = "list run tax mix vm bundle plot hyperfine report compare merge census recover help" ]
for cmd in $cmds; do
	[ "$cmd" = help ] && continue
	"$HB" help "$cmd" >"$WORK/a" 2>&1
	rc=$?
	"$HB" "$cmd" --help >"$WORK/b" 2>&1
	check "help $cmd exits 0 (got $rc) and prints what $cmd --help prints" \
		bash -c "[ $rc -eq 0 ] && [ -s '$WORK/a' ] && cmp -s '$WORK/a' '$WORK/b'"
done
"$HB" help help >"$WORK/a" 2>&1
check "help help prints the usage" cmp -s "$WORK/a" "$WORK/usage"
"$HB" help bench >"$WORK/out" 2>"$WORK/err"
rc=$?
check "help of an unknown command exits 2 (got $rc) naming the valid ones" \
	bash -c "[ $rc -eq 2 ] && grep -q \"unknown command 'bench' (valid: list, run, tax, mix, vm, bundle, plot, hyperfine, report, compare, merge, census, recover, help\" '$WORK/err'"
"$HB" help run now >"$WORK/out" 2>"$WORK/err"
check "help with two arguments is a usage error" [ $? -eq 2 ]
done_testing
