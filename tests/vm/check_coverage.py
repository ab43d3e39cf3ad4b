#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Judge the coverage experiment a Debian guest ran (tests/vm/guest-coverage.sh).

Usage: check_coverage.py DIR. Exact counts for the hooks whose truth is
known: the syscall tracepoints see unlinkat(2) alone (x86 ignores compat
calls there), and raw_tp/tp_btf filter on the native number, so they see
the same; kprobe, kprobe_multi and fentry on the unlinkat function
(do_unlinkat, filename_unlinkat from 7.x) see every file removal, compat
and io_uring ones included, and nothing that removes a directory; the hooks
below the lookup (lsm, security_path_unlink, vfs_unlink, fmod_ret) the same
removals, only where the name existed. Any other hook's row is 0 or every
call, never in between. Prints TAP-style lines.
"""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from guest_out import REMOVES_ONLY, read  # noqa: E402
from tap import check, finish, skip  # noqa: E402

PATHS = ["unlink", "unlinkat", "unlinkat_dir", "rmdir", "io_uring_unlinkat",
         "io_uring_unlinkat_dir", "compat_unlink", "compat_unlinkat", "compat_unlinkat_dir",
         "compat_rmdir"]
SYSCALL_TRACEPOINTS = {"unlinkat", "unlinkat_dir"}
UNLINKAT_FUNCTION = {"unlink", "unlinkat", "io_uring_unlinkat", "compat_unlink", "compat_unlinkat"}
# Below the lookup (security_path_unlink, vfs_unlink, the path_unlink LSM
# hook): the same file removals, and only where a name was really removed.
TRUTH = {
    "tracepoint": SYSCALL_TRACEPOINTS, "tracepoint_exit": SYSCALL_TRACEPOINTS,
    "raw_tp": SYSCALL_TRACEPOINTS, "tp_btf": SYSCALL_TRACEPOINTS,
    "kprobe": UNLINKAT_FUNCTION, "kprobe_offset": UNLINKAT_FUNCTION, "kretprobe": UNLINKAT_FUNCTION,
    "kprobe_multi": UNLINKAT_FUNCTION, "fentry": UNLINKAT_FUNCTION, "fexit": UNLINKAT_FUNCTION,
    **{hook: UNLINKAT_FUNCTION for hook in REMOVES_ONLY},
}
# Paths an architecture lacks: a row with a reason.
ABSENT = {"x86_64": set(), "aarch64": {"unlink", "rmdir"} | {p for p in PATHS if p.startswith("compat_")}}


def check_row(r, hook, arch):
    what = f"{hook} sees {r['path']} ({r['outcome']})"
    if r["reason"]:
        if r["path"] in ABSENT.get(arch, set()):
            check(r["seen"] == r["expected"] == "", f"{what}: absent on {arch} ({r['reason']})")
        else:
            check(False, f"{what}: not made ({r['reason']})")
        return
    n = int(r["expected"])
    if hook in TRUTH:
        fires = r["path"] in TRUTH[hook] and (hook not in REMOVES_ONLY or r["outcome"] == "removed")
        want = n if fires else 0
        check(r["seen"] == str(want), f"{what}: {want} of {n} (seen {r['seen']})")
    else:
        check(r["seen"] in ("0", str(n)), f"{what}: 0 or all {n}, never in between (seen {r['seen']})")


def main(out):
    arch = read(out, "arch").strip()
    check(read(out, "cov.status").strip() == "0",
          f"hookbench run --experiment coverage exits 0 on {read(out, 'uname').strip()} ({arch})")
    with open(os.path.join(out, "cov", "meta.json")) as f:
        meta = json.load(f)
    with open(os.path.join(out, "cov", "coverage.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    left = meta["coverage_not_run"]
    for hook in meta["settings"]["hooks"]:
        mine = [r for r in rows if r["hook"] == hook]
        if hook in left:
            check(not mine and left[hook], f"{hook}: not run here, no rows ({left[hook]})")
            if hook in TRUTH:
                skip(f"{hook}'s coverage", left[hook])
            continue
        check([(r["path"], r["outcome"]) for r in mine] ==
              [(p, o) for p in PATHS for o in ("removed", "enoent")],
              f"{hook}: one row per path and outcome, in order ({len(mine)})")
        for r in mine:
            check_row(r, hook, arch)
    check_blocking(out, meta["settings"]["hooks"], left)
    return finish()


# The deny proof: only an LSM program and fmod_ret can refuse; fentry/fexit
# must return 0 (the verifier refuses deny there: no); the rest load and are ignored.
CAN_BLOCK = {"lsm", "fmod_ret"}
MUST_RETURN_0 = {"fentry", "fexit", "fentry_security", "fentry_vfs"}


def check_blocking(out, hooks, left):
    with open(os.path.join(out, "cov", "blocking.csv"), newline="") as f:
        proofs = {r["hook"]: r for r in csv.DictReader(f)}
    for hook in hooks:
        r = proofs.get(hook)
        if r is None:
            check(False, f"{hook}: a row in blocking.csv")
        elif hook in left:
            check(r["can_block"] == "not run", f"{hook}: not run here, so no proof ({r['detail']})")
        elif hook in CAN_BLOCK:
            check(r["can_block"] == "yes", f"{hook} can block: the marked call failed with EPERM, "
                  f"the file stayed ({r['can_block']}: {r['detail']})")
        elif hook in MUST_RETURN_0:
            check(r["can_block"] == "no" and "R0" in r["detail"] and "should have been in" in r["detail"],
                  f"{hook}: the verifier refuses a deny program ({r['detail'][-80:]})")
        else:
            check(r["can_block"] == "no" and "went through" in r["detail"] and "the program refused it" in r["detail"],
                  f"{hook} cannot block: the call went through ({r['can_block']}: {r['detail']})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
