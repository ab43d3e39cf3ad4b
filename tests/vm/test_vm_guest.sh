#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In a Debian guest ($VM_KERNEL, default debian-6.1-cloud): every hook with
# every payload counts exactly and captures the right filename, leaves
# nothing attached; a kprobe attached through a bare perf event is refused;
# the reentry experiment and --kprobe-optimization; what a
# kernel lacks (6.1: FPROBE, link-info missed) is reported, not faked.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

guest_checks "$(dirname "$0")/guest-checks.sh" "$(dirname "$0")/check_guest.py" guest \
	--guest-file "$BUILD/tests/hb-perf-attach-static"
done_testing
