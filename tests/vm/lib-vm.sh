# SPDX-License-Identifier: GPL-2.0-only
# Shared by the vm tests: skip (77) only when QEMU is missing or the package
# archive does not answer; any other error of the runner fails the test; otherwise $HB and $KERNEL are ready.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
KERNEL=${VM_KERNEL:-debian-6.1-cloud}

command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	skip_all "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
[ -x "$BUILD/bench/hookbench-static" ] ||
	skip_all "no static guest programs in $BUILD (libbpf.a, libelf.a or libz.a missing)"
vm_fetch "$KERNEL"

# guest_checks SCRIPT CHECKER WHAT [VM OPTION...]: run SCRIPT in the guest (results in
# $WORK/guest; guest-lib.sh in its /bin), then CHECKER (a Python TAP producer) on them; its lines
# become this test's, and one line says whether all of WHAT passed.
guest_checks() {
	local rc line
	"$HB" vm --kernel "$KERNEL" --guest-script "$1" --guest-file "$(dirname "$0")/guest-lib.sh" \
		"${@:4}" --out "$WORK/guest" 2>"$WORK/err"
	rc=$?
	check "hookbench vm --kernel $KERNEL with $(basename "$1") exits 0 (got $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || diag "$WORK/err"
	"$PYTHON" "$2" "$WORK/guest" >"$WORK/checks"
	while read -r line; do
		case $line in
		ok*) ok "${line#ok * - }" ;;
		"not ok"*) not_ok "${line#not ok * - }" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$WORK/checks"
	grep -q '^not ok' "$WORK/checks" && for f in "$WORK"/guest/*.err; do
		[ -f "$f" ] && tail -n 3 "$f" | diag
	done
	check "every $3 check passed" bash -c "grep -q '^1\.\.' '$WORK/checks' && ! grep -q '^not ok' '$WORK/checks'"
}
