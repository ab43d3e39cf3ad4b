# SPDX-License-Identifier: GPL-2.0-only
"""TAP for the Python checkers: one line per check, the plan at the end."""

_count = 0
_failed = 0


def check(cond, desc):
    """Print `ok N - desc` or `not ok N - desc`; returns cond."""
    global _count, _failed
    _count += 1
    _failed += 0 if cond else 1
    print(("ok" if cond else "not ok") + f" {_count} - {desc}")
    return cond


def skip(desc, why):
    """Print `ok N - desc # SKIP why`."""
    global _count
    _count += 1
    print(f"ok {_count} - {desc} # SKIP {why}")


def finish():
    """Print the plan; returns the exit status (1 when any check failed)."""
    print(f"1..{_count}")
    return 1 if _failed else 0
