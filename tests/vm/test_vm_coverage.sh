#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The coverage experiment in a Debian guest ($VM_KERNEL; debian-6.12-cloud in
# the suite), whose kernel runs kprobes, fentry, io_uring and 32-bit calls:
# every hook it runs, every way to remove a name, counted exactly where the
# truth is known (check_coverage.py).
. "$(dirname "$0")/lib-vm.sh"
PYTHON=${2:-python3}

guest_checks "$(dirname "$0")/guest-coverage.sh" "$(dirname "$0")/check_coverage.py" coverage
done_testing
