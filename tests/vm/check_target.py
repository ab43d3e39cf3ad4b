#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Judge what tests/vm/guest-target.sh brought back from a Debian guest.

Usage: check_target.py DIR. The count run: tracepoint, kprobe and fentry
ok and exact, the kprobe family on the kernel's own unlinkat function
(filename_unlinkat from 7.x), every kernel-config field of meta.json filled.
The stand-in kallsyms runs: no candidate gives unsupported kprobe-family
rows naming the candidates; a clone only gives rows naming the clone, and
fentry refused for want of a BTF record. Prints TAP-style lines.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from guest_out import read, summary_rows  # noqa: E402
from tap import check, finish  # noqa: E402

KPROBE_FAMILY = ("kprobe", "kprobe_multi", "fentry")


def rows(out, name):
    return {r["hook"]: r for r in summary_rows(out, name)}


def main(out):
    release = read(out, "uname").strip()
    symbols = read(out, "unlinkat-symbols").split()
    check(read(out, "run.status").strip() == "0", "the count run exits 0")
    run = rows(out, "run")
    for hook in ("tracepoint", "kprobe", "fentry"):
        r = run.get(hook, {})
        check(r.get("status") == "ok" and r.get("events_seen") == r.get("events_expected") != "0",
              f"{hook}: ok and counted exactly ({r.get('events_seen')} of {r.get('events_expected')})")
    target = run.get("kprobe", {}).get("attach_point")
    check(target in symbols, f"the kprobe attached to {target}, a text symbol of the guest ({symbols})")
    check(run.get("fentry", {}).get("attach_point") == target, "fentry attached to the same function")
    if int(release.split(".")[0]) >= 7:
        check(target == "filename_unlinkat", f"{release}: the kernel calls it filename_unlinkat ({target})")
    meta = json.loads(read(out, "run/meta.json"))
    config = meta["kernel"]["config"]
    empty = [k for k, v in config.items() if v is None]
    check(config and not empty, f"every kernel-config field of meta.json is filled (empty: {empty})")
    check(meta["kernel"]["config_source"] == f"/boot/config-{release}",
          f"the config came with the package ({meta['kernel']['config_source']})")

    check(read(out, "none.status").strip() == "0", "no candidate in kallsyms: the run exits 0")
    none = rows(out, "none")
    check(none.get("tracepoint", {}).get("status") == "ok", "no candidate: the tracepoint still runs")
    for hook in KPROBE_FAMILY:
        r = none.get(hook, {})
        check(r.get("status") == "unsupported" and "do_unlinkat, filename_unlinkat" in r.get("reason", ""),
              f"no candidate: {hook} is unsupported, naming the candidates ({r.get('reason')})")

    check(read(out, "clone.status").strip() == "0", "only a clone in kallsyms: the run exits 0")
    clone = rows(out, "clone")
    for hook in KPROBE_FAMILY:
        r = clone.get(hook, {})
        check(r.get("attach_point") == "do_unlinkat.isra.0" and r.get("status") == "unsupported",
              f"only a clone: {hook} row names do_unlinkat.isra.0 and is unsupported ({r.get('reason')})")
    reason = clone.get("fentry", {}).get("reason", "")
    check("no BTF function record" in reason, f"only a clone: fentry needs a BTF record ({reason})")
    return finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
