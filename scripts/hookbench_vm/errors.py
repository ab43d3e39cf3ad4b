# SPDX-License-Identifier: GPL-2.0-only
"""The one exception the VM runner reports: every module's failures derive
from VmError, and only the entry (scripts/hookbench-vm) catches it to print
it and exit with its exit_status (1; 77 for a package the archive did not
give, so a test can tell a machine without network from a bug)."""


class VmError(Exception):
    """A failure with a one-line message for the user, and maybe the guest's
    last console lines."""

    exit_status = 1

    def __init__(self, message, console=None):
        super().__init__(message)
        self.console = console or []
