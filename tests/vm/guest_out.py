# SPDX-License-Identifier: GPL-2.0-only
"""Reading what a guest script left in its output directory, for the check_*.py judges."""
import csv
import os

# The hooks below the syscall: they fire only when a name is really removed.
REMOVES_ONLY = ("lsm", "kprobe_security", "fentry_security", "kprobe_vfs", "fentry_vfs", "fmod_ret")


def read(out, name):
    """The whole text of OUT/NAME."""
    with open(os.path.join(out, name)) as f:
        return f.read()


def summary_rows(out, name):
    """The rows of OUT/NAME/summary.csv, or [] when the run wrote none."""
    path = os.path.join(out, name, "summary.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))
