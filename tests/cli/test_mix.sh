#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# hookbench mix's arguments, and the share report and plot decide at
# (--share, --mix, DIR/mix.csv) on fixture results: bad values refused in
# one line with nothing written; a share given redraws the charts. No
# privileges and no BPF.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures")
mkdir "$WORK/cwd"
cd "$WORK/cwd" || exit 99

# bad DESCRIPTION EXPECTED-REGEX COMMAND...: exit 2, one stderr line matching, no stdout, nothing written.
bad() {
	local desc=$1 want=$2 rc
	shift 2
	"$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] && grep -qE -- "$want" "$WORK/err" &&
	   [ ! -s "$WORK/out" ] && [ -z "$(ls -A "$WORK/cwd")" ]; then
		ok "$desc: $(cat "$WORK/err")"
	else
		not_ok "$desc: exit $rc, want 2 and /$want/"
		diag "$WORK/err"
		rm -rf "${WORK:?}/cwd/"*
	fi
}

"$HB" mix --help >"$WORK/help" 2>&1
check "mix --help exits 0" [ $? -eq 0 ]
check "mix --help gives the synopsis, both options and an example" \
	bash -c "grep -qF 'Usage: hookbench mix [--seconds S] [--out FILE]' '$WORK/help' &&
		 grep -qE '^  --seconds S ' '$WORK/help' && grep -qE '^  --out FILE ' '$WORK/help' &&
		 grep -qF 'hookbench mix --seconds 60' '$WORK/help'"
"$HB" --help >"$WORK/usage"
check "hookbench --help lists mix" grep -qE '^  mix +count every syscall' "$WORK/usage"

bad "mix: zero seconds" "^hookbench: invalid --seconds '0': must be a number of seconds from 0.1 to 86400$" \
	"$HB" mix --seconds 0
bad "mix: seconds not a number" "invalid --seconds 'ten'" "$HB" mix --seconds ten
bad "mix: more than a day" "invalid --seconds '86401'" "$HB" mix --seconds 86401
bad "mix: an empty --out" "^hookbench: --out needs a file name$" "$HB" mix --out ''
bad "mix: an operand" "mix: unexpected argument 'now'" "$HB" mix now
bad "mix: an unknown option" "unknown option '--share'" "$HB" mix --share 1

cp -r "$FX/results/base" "$WORK/base"
bad "report: a share above 100%" \
	"^hookbench: report: invalid --share '150': must be a percentage from 0 to 100" \
	"$HB" report --share 150 "$WORK/base"
bad "plot: a negative share" "^hookbench: plot: invalid --share '-1'" "$HB" plot --share -1 "$WORK/base"
bad "report: a share that is not a number" "invalid --share 'half'" "$HB" report --share half "$WORK/base"
bad "report: --share and --mix together" "^hookbench: report: give --share or --mix, not both$" \
	"$HB" report --share 1 --mix "$FX/mix/good.csv" "$WORK/base"
bad "report: --mix of no file" "^hookbench: report: --mix $WORK/none.csv: no such file$" \
	"$HB" report --mix "$WORK/none.csv" "$WORK/base"
bad "report: --mix of a summary.csv" "summary.csv: no syscall_nr column" \
	"$HB" report --mix "$FX/results/base/summary.csv" "$WORK/base"
bad "report: no directory" "report needs one results directory" "$HB" report --share 1
check "report and plot wrote nothing on bad input" \
	bash -c "[ ! -e '$WORK/base/report.md' ] && [ ! -e '$WORK/base/charts' ]"

printf 'syscall_nr,name,abi,count,share,seconds,total,kernel\n0,read,native,9,1.00000000,1.000,9,6.18\n' \
	>"$WORK/base/mix.csv"
bad "report: a DIR/mix.csv without unlinkat's row is refused, not skipped" \
	"^hookbench: report: $WORK/base/mix.csv: no row for native unlinkat" "$HB" report "$WORK/base"
rm "$WORK/base/mix.csv"

if command -v gnuplot >/dev/null; then
	"$HB" report "$WORK/base" >/dev/null 2>&1
	check "report draws the charts when they are missing" test -s "$WORK/base/charts/overhead.png"
	touch -d '2000-01-01' "$WORK/base/charts/overhead.png"
	"$HB" report "$WORK/base" >/dev/null 2>&1
	check "report at the default share leaves drawn charts alone" \
		bash -c "[ \$(stat -c %Y '$WORK/base/charts/overhead.png') -lt 1000000000 ]"
	"$HB" report --share 0.5% "$WORK/base" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	check "report --share 0.5% exits 0 (got $rc)" [ $rc -eq 0 ]
	check "report --share draws the charts again, to mark the share" \
		bash -c "[ \$(stat -c %Y '$WORK/base/charts/overhead.png') -gt 1000000000 ]"
	touch -d '2000-01-01' "$WORK/base/charts/overhead.png"
	cp "$FX/mix/good.csv" "$WORK/base/mix.csv"
	"$HB" report "$WORK/base" >/dev/null 2>&1
	check "report with DIR/mix.csv draws them again too" \
		bash -c "[ \$(stat -c %Y '$WORK/base/charts/overhead.png') -gt 1000000000 ]"
	"$HB" plot --mix "$FX/mix/good.csv" "$WORK/base" >"$WORK/out" 2>&1
	check "plot --mix FILE exits 0" [ $? -eq 0 ]
else
	skip "report redraws the charts at a share given" "gnuplot is not installed"
fi
done_testing
