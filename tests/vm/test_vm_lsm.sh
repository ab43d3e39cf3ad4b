#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In a Debian guest ($VM_KERNEL, default debian-6.12-cloud, whose kernel has
# the BPF LSM active): the hooks below the syscall count exactly when a name
# is removed and fire 0 times on a failed lookup; lsm (and fmod_ret where the
# kernel allows it) is proven to block a marked name, no other hook is.
VM_KERNEL=${VM_KERNEL:-debian-6.12-cloud}
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

guest_checks "$(dirname "$0")/guest-lsm.sh" "$(dirname "$0")/check_lsm.py" lsm
done_testing
