# SPDX-License-Identifier: GPL-2.0-only
"""The one exception the VM runner reports: every module's failures derive
from VmError, and only the entry (scripts/hookbench-vm) catches it to print
it and exit 1."""


class VmError(Exception):
    """A failure with a one-line message for the user, and maybe the guest's
    last console lines."""

    def __init__(self, message, console=None):
        super().__init__(message)
        self.console = console or []
