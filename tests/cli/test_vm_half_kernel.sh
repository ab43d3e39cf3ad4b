#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/vm-half's guest kernel, with a stand-in hookbench and uname: the
# Debian cloud kernel of the host's major.minor when the archive has it,
# else debian-6.12-cloud; HOOKBENCH_VM_KERNEL wins over both.
BUILD=${1:?build dir}
SRC=${2:?source dir}
. "$(dirname "$0")/../lib.sh"

mkdir "$WORK/bin" "$WORK/out"
# The archive of the stand-in has 6.12 and 6.18; the guest run records its --kernel.
cat >"$WORK/bin/hookbench" <<'SH'
#!/bin/bash
[ "$1" = vm ] || exit 2
kernel=$3
if [ "$4" = --fetch-only ]; then
	case $kernel in debian-6.12-cloud | debian-6.18-cloud) exit 0 ;; *) exit 1 ;; esac
fi
echo "$kernel" >"$HB_TEST_LOG"
SH
cat >"$WORK/bin/uname" <<'SH'
#!/bin/sh
echo "$HB_TEST_RELEASE"
SH
chmod +x "$WORK/bin/hookbench" "$WORK/bin/uname"

# half RELEASE [VM_KERNEL]: the kernel vm-half chose on a host of RELEASE.
half() {
	rm -f "$WORK/log"
	PATH=$WORK/bin:$PATH HOOKBENCH=$WORK/bin/hookbench HB_TEST_LOG=$WORK/log HB_TEST_RELEASE=$1 \
		HOOKBENCH_VM_KERNEL=${2:-} "$SRC/scripts/vm-half" "$WORK/out" >/dev/null 2>&1 && cat "$WORK/log"
}
check "a 6.18 host: debian-6.18-cloud" [ "$(half 6.18.44-fc-v782)" = debian-6.18-cloud ]
check "a 6.99 host, which the archive lacks: debian-6.12-cloud" [ "$(half 6.99.1)" = debian-6.12-cloud ]
check "HOOKBENCH_VM_KERNEL chooses over both" [ "$(half 6.18.44 debian-6.1-cloud)" = debian-6.1-cloud ]
done_testing
