#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Judge what tests/vm/guest-lsm.sh brought back from a Debian guest.

Usage: check_lsm.py DIR. Each hook below the syscall counts exactly in create
mode and captures the removed name; in enoent mode it fires 0 times and the
row is ok; `hookbench list` proves lsm and fmod_ret can block (fmod_ret where
the kernel allows it) and no other hook can. Prints TAP-style lines.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from guest_out import REMOVES_ONLY, read, summary_rows  # noqa: E402
from tap import check, finish  # noqa: E402

BLOCKS = {"lsm"}  # proven to block on every kernel that runs it; fmod_ret where allowed
PROVEN = "unlinkat(hookbench-deny-0) failed with EPERM, the file is still there; the 3 other names were removed"


def rows(out, name):
    return [r for r in summary_rows(out, name) if r["hook"] != "none"]


def check_rows(out, hook, payloads):
    got = rows(out, hook)
    check(read(out, f"{hook}.status").strip() == "0", f"{hook}: hookbench run exits 0")
    check(len(got) == 2 * len(payloads), f"{hook}: {2 * len(payloads)} rows ({len(got)})")
    for r in got:
        key = f"{hook}/{r['payload']}/{r['mode']}"
        seen, want = int(r["events_seen"] or -1), int(r["events_expected"] or -2)
        check(r["status"] == "ok", f"{key}: ok ({r['reason']})")
        if r["mode"] == "enoent":
            check(seen == want == 0, f"{key}: a failed lookup fires nothing, 0 expected ({seen}/{want})")
            continue
        check(seen == want > 0, f"{key}: counted exactly {want} events (saw {seen})")
        if r["payload"] in ("capture", "deny"):
            check(r["sample_filename"] == "hookbench-file",
                  f"{key}: captured hookbench-file from the dentry (got {r['sample_filename']!r})")


def main(out):
    print(f"# guest kernel {read(out, 'uname').strip()}, active LSMs {read(out, 'active-lsms').strip()}")
    with open(os.path.join(out, "list.csv"), newline="") as f:
        listed = {r["hook"]: r for r in csv.DictReader(f)}
    for hook in REMOVES_ONLY:
        r = listed.get(hook, {})
        check(r.get("status") == "supported", f"{hook}: supported in the guest ({r.get('reason')})")
        check_rows(out, hook, ("count", "capture"))
    lsm = listed.get("lsm", {})
    check(lsm.get("can_block") == "yes" and lsm.get("block_detail") == PROVEN,
          f"lsm: can block yes, proven ({lsm.get('block_detail')})")
    fmod = listed.get("fmod_ret", {})
    check(fmod.get("can_block") == "yes" and fmod.get("block_detail") == PROVEN
          or fmod.get("can_block") == "not run" and fmod.get("block_detail"),
          f"fmod_ret: yes where the kernel allows it, else not run with its reason "
          f"({fmod.get('can_block')}: {fmod.get('block_detail')})")
    for hook, r in listed.items():
        if hook in BLOCKS or hook == "fmod_ret" or r["status"] != "supported":
            continue
        check(r["can_block"] == "no" and r["block_detail"],
              f"{hook}: cannot block ({r['can_block']}: {r['block_detail']})")
        if r["kind"] == "tracing":
            check("verifier" in r["block_detail"],
                  f"{hook}: the verifier refused deny ({r['block_detail']})")
        else:
            check("the program refused it" in r["block_detail"],
                  f"{hook}: its program refused the name, the kernel let the call go ({r['block_detail']})")
    check(read(out, "lsm-deny.status").strip() == "0", "lsm/deny: hookbench run exits 0")
    for r in rows(out, "lsm-deny"):
        seen, want = int(r["events_seen"] or -1), int(r["events_expected"] or -2)
        check(r["status"] == "ok" and seen == want > 0,
              f"lsm/deny/create: ok, every call allowed and counted ({r['status']}, {seen}/{want})")
    return finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
