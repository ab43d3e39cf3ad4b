#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check what tests/vm/guest-checks.sh brought back from a Debian 6.1 guest.

Usage: check_guest.py DIR. Prints TAP-style lines; exits 0 when all passed.
"""
import csv
import json
import os
import sys

# What a Debian 6.1 kernel can run: everything but kprobe_multi (no CONFIG_FPROBE).
EXPECTED_OK = ["tracepoint", "tracepoint_exit", "raw_tp", "tp_btf", "kprobe", "kretprobe",
               "fentry", "fexit"]
CAPTURED = {"enoent": "hookbench-absent", "create": "hookbench-file"}
n = failed = 0


def check(cond, desc):
    global n, failed
    n += 1
    failed += 0 if cond else 1
    print(("ok" if cond else "not ok") + f" {n} - {desc}")


def read(path):
    with open(path) as f:
        return f.read()


def summary(out, hook):
    path = os.path.join(out, hook, "summary.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main(out):
    check(read(os.path.join(out, "uname")).startswith("6.1."), "the guest runs a 6.1 kernel")
    for hook in EXPECTED_OK:
        rows = summary(out, hook)
        check(read(os.path.join(out, f"{hook}.status")).strip() == "0", f"{hook}: hookbench run exit 0")
        check(len(rows) == 4, f"{hook}: 4 rows (count, capture x enoent, create)")
        for r in rows:
            key = f"{hook}/{r['payload']}/{r['mode']}"
            check(r["status"] == "ok", f"{key}: ok ({r['reason']})")
            check(r["events_seen"] == r["events_expected"] and int(r["events_seen"] or 0) > 0,
                  f"{key}: counted exactly {r['events_expected']} events (saw {r['events_seen']})")
            if r["payload"] == "capture":
                check(r["sample_filename"] == CAPTURED[r["mode"]],
                      f"{key}: captured {CAPTURED[r['mode']]} (got {r['sample_filename']!r})")
        check(read(os.path.join(out, f"before-{hook}")) == read(os.path.join(out, f"after-{hook}")),
              f"{hook}: nothing left attached or loaded in the guest")
    rows = summary(out, "kprobe_multi")
    check(len(rows) == 4 and all(r["status"] == "unsupported" and "FPROBE" in r["reason"] for r in rows),
          "kprobe_multi: unsupported, the reason names CONFIG_FPROBE")
    check(read(os.path.join(out, "before-kprobe_multi")) == read(os.path.join(out, "after-kprobe_multi")),
          "kprobe_multi: nothing left behind either")
    with open(os.path.join(out, "list.csv"), newline="") as f:
        listed = {r["hook"]: r for r in csv.DictReader(f)}
    check(all(listed.get(h, {}).get("status") == "supported" for h in EXPECTED_OK),
          "hookbench list: every hook but kprobe_multi is supported")
    kprobes = read(os.path.join(out, "kprobes-list.txt"))
    check("do_unlinkat" in kprobes, "the kprobe shows in /sys/kernel/debug/kprobes/list while attached")
    print("# kprobes/list: " + kprobes.strip().replace("\n", " | "))
    check(read(os.path.join(out, "kprobe-capture.status")).strip() == "0", "kprobe-loader capture exits 0")
    with open(os.path.join(out, "kprobe-capture.json")) as f:
        cap = json.load(f)
    check(cap.get("events") == 100, f"kprobe-loader counts exactly 100 (got {cap.get('events')})")
    check(cap.get("sample_filename") == "hookbench-file",
          f"kprobe-loader capture reads hookbench-file (got {cap.get('sample_filename')!r})")
    check(cap.get("nmissed") is None and cap.get("nmissed_reason"),
          "6.1 link info has no kprobe missed: null with a reason, not 0")
    with open(os.path.join(out, "tp-loader.json")) as f:
        check(json.load(f).get("events") == 1000, "tp-loader counts exactly 1000 in the guest")
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
