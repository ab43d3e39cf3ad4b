#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The documentation stays one house: README.md short and linking every
# docs/ page; hookbench(1) the one option reference (every option of every
# command's getopt table documented, run's each exactly once); --help a
# synopsis that names every public option and no internal one. Needs no
# privileges.
BUILD=${1:?build dir}
SRC=${2:?source dir}
. "$(dirname "$0")/../lib.sh"

README=$SRC/README.md
MAN=$SRC/bench/cli/hookbench.1.scd
# Flags only hookbench's own scripts pass (hookbench vm to the guest's run):
# they parse, but neither --help nor the man page's option list shows them.
INTERNAL="timing-note icount"

internal() { [[ " $INTERNAL " == *" $1 "* ]]; }

lines=$(wc -l <"$README")
check "README.md is at most 200 lines (it has $lines)" [ "$lines" -le 200 ]

# Every docs/ page README.md links exists, and every docs/ page is linked.
for page in $(grep -oE '\(docs/[A-Za-z0-9_.-]+\.md\)' "$README" | tr -d '()' | sort -u); do
	check "README.md links $page, which exists" [ -f "$SRC/$page" ]
done
for page in "$SRC"/docs/*.md; do
	[ -e "$page" ] || continue
	check "README.md links docs/${page##*/}" grep -q "(docs/${page##*/})" "$README"
done
for page in bench/cli/hookbench.1.scd loaders/tp-loader.1.scd workloads/unlink-storm.1.scd; do
	check "README.md links the man page $page" grep -q "($page)" "$README"
done

# The reference decision README.md quotes is the decision block of the report it links, line for line.
report=$(sed -n '/^## Reference result/,/^## /p' "$README" | grep -oE 'results/reference/[^)]*/report\.md' | head -n 1)
check "README.md's reference result links a report that exists ($report)" \
	bash -c '[ -n "$1" ] && [ -f "$2/$1" ]' _ "$report" "$SRC"
sed -n '/<!-- reference decision: begin -->/,/<!-- reference decision: end -->/p' "$README" |
	grep -v '^<!--' | sed 's/^> \{0,1\}//' | grep -v '^$' >"$WORK/quoted"
check "README.md quotes the decision block of $report word for word" \
	bash -c '[ -s "$1" ] && while IFS= read -r l; do grep -qxF -- "$l" "$2" || exit 1; done <"$1"' \
	_ "$WORK/quoted" "$SRC/$report"

# The long options of a getopt table: the "name" of each { "name", ..._argument, ... }.
long_options() {
	grep -oE '\{ *"[a-z0-9-]+", *(no|required|optional)_argument' "$1" |
		sed -E 's/\{ *"([a-z0-9-]+)".*/\1/' | grep -vx help
}

# man_section CMD: the lines of CMD's entry under COMMANDS, up to the next command.
man_section() {
	awk -v cmd="$1" '
		/^# / { in_cmds = ($0 == "# COMMANDS"); on = 0; next }
		in_cmds && /^\*[a-z]+\*/ { on = ($0 ~ "^\\*" cmd "\\*") }
		on' "$MAN"
}

# The option entries of a man section: the tab-indented "*--name*" lines.
man_entries() {
	sed -nE 's/^\t(\*-[A-Za-z]\*, )?\*--([a-z0-9-]+)\*.*/\2/p'
}

# hookbench run: the table that holds --kprobe-optimization is run's.
RUN_SRC=$(grep -lE '\{ *"kprobe-optimization", *required_argument' "$SRC"/bench/cli/*.c | head -n 1)
check "run's getopt table is found in bench/cli (${RUN_SRC#"$SRC"/})" [ -n "$RUN_SRC" ]
run_opts=$(long_options "$RUN_SRC")
check "run's table has options, the internal ones among them" \
	bash -c "[ $(wc -w <<<"$run_opts") -gt 20 ] && grep -qx timing-note <<<'$run_opts' && grep -qx icount <<<'$run_opts'"
man_section run | man_entries | sort >"$WORK/run-entries"
"$HB" run --help >"$WORK/run-help" 2>&1
for opt in $run_opts; do
	n=$(grep -cx -- "$opt" "$WORK/run-entries")
	if internal "$opt"; then
		check "internal --$opt is not in hookbench(1)'s run options (found $n)" [ "$n" -eq 0 ]
		check "internal --$opt is not in run --help" \
			bash -c "! grep -qE -- '--$opt([^a-z-]|\$)' '$WORK/run-help'"
	else
		check "--$opt is in hookbench(1)'s run options exactly once (found $n)" [ "$n" -eq 1 ]
		check "--$opt is in run --help" grep -qE -- "^ +(-[a-z], )?--$opt([^a-z-]|\$)" "$WORK/run-help"
	fi
done
for opt in $(sort -u "$WORK/run-entries"); do
	check "hookbench(1)'s run option --$opt is one run accepts" grep -qx -- "$opt" <<<"$run_opts"
done

# The other commands: every option of cmd_X.c's table is in X's man entry and X --help.
for file in "$SRC"/bench/cli/cmd_*.c; do
	cmd=${file##*/cmd_}
	cmd=${cmd%.c}
	opts=$(long_options "$file")
	[ -n "$opts" ] || continue
	man_section "$cmd" >"$WORK/section"
	"$HB" "$cmd" --help >"$WORK/help" 2>&1
	for opt in $opts; do
		[ "$opt" = verbose ] && opt_re='(-v|--verbose)' || opt_re="--$opt"
		check "$cmd --$opt is in hookbench(1)'s $cmd entry" grep -qE -- "\\*$opt_re\\*" "$WORK/section"
		check "$cmd --$opt is in $cmd --help" grep -qE -- "$opt_re([^a-z-]|\$)" "$WORK/help"
	done
done
done_testing
