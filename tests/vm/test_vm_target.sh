#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A newer Debian kernel ($VM_KERNEL, debian-7.2-cloud in the suite): a split
# image fetched whole, its config in meta.json, tracepoint, kprobe and fentry
# counted exactly on the function the kernel really has, and unsupported rows
# with reasons when kallsyms offers no usable target.
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

guest_checks "$(dirname "$0")/guest-target.sh" "$(dirname "$0")/check_target.py" target
done_testing
