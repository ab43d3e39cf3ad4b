#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Judge what tests/vm/guest-checks.sh brought back from a Debian guest.

Usage: check_guest.py DIR. Expectations follow the guest's kernel version:
6.1 has no CONFIG_FPROBE (kprobe_multi unsupported), no missed count and no
kprobe target in link info; 6.12 has them all. Prints TAP-style lines; exits 0 when all passed.
"""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from guest_out import REMOVES_ONLY, read, summary_rows as rows  # noqa: E402
from tap import check, finish  # noqa: E402

# The hooks come from the guest's `hookbench list --csv`; these are checked by name too.
NAMED = {"tracepoint", "raw_tp", "kprobe", "kprobe_offset", "kretprobe", "kprobe_multi", "fentry"}
KPROBE_KINDS = ("kprobe", "kprobe_multi")  # their links report missed (6.7+)
CAPTURED = {"enoent": "hookbench-absent", "create": "hookbench-file"}


def check_control(hook, control):
    check(len(control) == 3, f"{hook}: a none control row per mode of each run ({len(control)})")
    for r in control:
        check(r["status"] == "ok" and r["events_expected"] == "0" and r["events_seen"] == "0",
              f"{hook}/none/{r['mode']}: the control row is ok and saw no events ({r['status']})")


def check_reader_cpu(out, hook, supported):
    with open(os.path.join(out, f"{hook}-more", "meta.json")) as f:
        meta = json.load(f)
    if not supported:
        return
    reader, cpu = meta.get("ringbuf_reader_cpu"), meta["settings"]["cpu"]
    if meta["cpu"]["nproc"] >= 2:
        check(isinstance(reader, int) and reader != cpu,
              f"{hook}: the ring-buffer reader ran on CPU {reader}, not the measured {cpu}")
    else:
        check(reader == cpu, f"{hook}: on one CPU the ring-buffer reader shares it ({reader})")


def check_hook(out, hook, kind, supported, missed_counted):
    both = rows(out, hook) + rows(out, f"{hook}-more")
    got = [r for r in both if r["hook"] == hook]
    check(read(out, f"{hook}.status").strip() == "0" and read(out, f"{hook}-more.status").strip() == "0",
          f"{hook}: both hookbench runs exit 0")
    check(len(got) == 7, f"{hook}: 7 rows (count, capture x 2 modes; empty, ringbuf, printk)")
    check_control(hook, [r for r in both if r["hook"] == "none"])
    check_reader_cpu(out, hook, supported)
    for r in got:
        key = f"{hook}/{r['payload']}/{r['mode']}"
        if not supported:
            check(r["status"] == "unsupported" and "FPROBE" in r["reason"],
                  f"{key}: unsupported, the reason names CONFIG_FPROBE")
            continue
        check(r["status"] == "ok", f"{key}: ok ({r['reason']})")
        seen, want = int(r["events_seen"] or -1), int(r["events_expected"] or -2)
        if r["payload"] == "empty":
            check(seen >= want > 0, f"{key}: ran at least {want} times ({seen})")
        elif r["payload"] == "ringbuf":
            drops = int(r["ringbuf_drops"] or 0)
            check(seen + drops == want, f"{key}: read {seen} + dropped {drops} == {want}")
        else:
            check(seen == want > 0, f"{key}: counted exactly {want} events (saw {seen})")
        if r["payload"] in ("capture", "ringbuf", "printk"):
            check(r["sample_filename"] == CAPTURED[r["mode"]],
                  f"{key}: captured {CAPTURED[r['mode']]} (got {r['sample_filename']!r})")
        if kind in KPROBE_KINDS:
            check(r["nmissed"].isdigit() if missed_counted else r["nmissed"] == "" and r["nmissed_reason"],
                  f"{key}: nmissed {'is a count' if missed_counted else 'is empty with a reason'} "
                  f"({r['nmissed']!r})")
        if hook == "kprobe_offset":
            check(r["kprobe_flavour"] in ("optimized", "int3") and r["attach_point"] != "do_unlinkat",
                  f"{key}: at {r['attach_point']}, implemented as {r['kprobe_flavour']} (not ftrace)")
        elif hook in ("kprobe", "kretprobe"):
            check(r["kprobe_flavour"] == "ftrace", f"{key}: the entry probe rides ftrace")
    check(read(out, f"before-{hook}") == read(out, f"after-{hook}"),
          f"{hook}: nothing left attached or loaded in the guest")


def check_other(out, hook, supported):
    got = [r for r in rows(out, f"{hook}-other") if r["hook"] == hook]
    check(read(out, f"{hook}-other.status").strip() == "0", f"{hook}: the --mode other run exits 0")
    local = [r for r in got if r["mode"] == "other"]
    check(len(local) == 1, f"{hook}/count/other: one row ({len(local)})")
    for r in got:
        key = f"{hook}/count/{r['mode']}"
        if not supported or (r["mode"] == "other_remote" and r["status"] == "unsupported"):
            check(r["status"] == "unsupported" and r["reason"], f"{key}: unsupported, with a reason")
            continue
        check(r["status"] == "ok" and r["events_expected"] == "0" and r["events_seen"] == "0",
              f"{key}: ok, and the payload fired 0 times on getppid() ({r['status']}, "
              f"{r['events_seen']}/{r['events_expected']})")


def check_reentry(out, new_kernel):
    check(read(out, "reentry.status").strip() == "0", "the reentry experiment exits 0")
    with open(os.path.join(out, "reentry", "reentry.csv"), newline="") as f:
        got = {(r["a_hook"], r["b_hook"]): r for r in csv.DictReader(f)}
    pairs = [("tracepoint", "kprobe"), ("kprobe", "kprobe"), ("raw_tp", "kprobe"),
             ("fentry", "kprobe"), ("kprobe", "fentry")]
    for a, b in pairs:
        r = got.get((a, b), {})
        check(r.get("status") == "ok" and r.get("a_events") == r.get("calls"),
              f"reentry {a} -> {b}: ran, A counted every call ({r.get('outcome')})")
    skipped = [(a, b) for a, b in [("tracepoint", "kprobe"), ("kprobe", "kprobe")]]
    for a, b in skipped:
        r = got.get((a, b), {})
        check(int(r.get("b_events") or -1) < int(r.get("calls") or 0),
              f"reentry {a} -> {b}: B was skipped inside A ({r.get('b_events')} of {r.get('calls')})")
    for a, b in [("raw_tp", "kprobe"), ("fentry", "kprobe"), ("kprobe", "fentry")]:
        r = got.get((a, b), {})
        check(r.get("b_events") == r.get("calls"), f"reentry {a} -> {b}: B ran every time")
    r = got.get(("kprobe", "kprobe"), {})
    if new_kernel:
        check(r.get("b_nmissed") == r.get("calls"), "kprobe in kprobe: counted in B's link nmissed")
    else:
        check("not counted on this kernel" in r.get("outcome", ""),
              "kprobe in kprobe: skipped and not counted on 6.1")


def check_optimization(out):
    if not os.path.exists(os.path.join(out, "opt-before")):
        check(False, "kprobes-optimization sysctl exists in a Debian kernel")
        return
    before = read(out, "opt-before").strip()
    for signals in ("1", "2"):
        check(read(out, f"opt-during-{signals}").strip() == "0",
              f"--kprobe-optimization off: 0 while running ({signals} SIGINT)")
        check(read(out, f"opt-after-{signals}").strip() == before,
              f"after {signals} SIGINT the sysctl is back to {before}")
        check(read(out, f"opt-status-{signals}").strip() == "130",
              f"{signals} SIGINT: exit status 130")


def check_attached(out):
    # 6.1's link info does not say where a kprobe is; its perf event does.
    with open(os.path.join(out, "attached", "meta.json")) as f:
        progs = json.load(f).get("syscall_path_programs")
    check(isinstance(progs, list) and [{k: v for k, v in p.items() if k != "id"} for p in progs]
          == [{"type": "kprobe", "name": "hb_kprobe", "attach": "kprobe:do_unlinkat"}],
          f"meta.json lists kprobe-loader's program on kprobe:do_unlinkat, once ({progs})")


def check_perf_attached(out):
    """hb-perf-attach's kprobe, a perf event without a link: refused like a linked one."""
    attached = read(out, "perf-attach.out").split()  # prog ID fd FD
    prog, fd = (attached[1], attached[3]) if len(attached) == 4 else ("?", "?")
    pid = read(out, "perf-attach.pid").strip()
    comm = "hb-perf-attach-"  # hb-perf-attach-static, cut to TASK_COMM_LEN
    check(prog != "?", f"hb-perf-attach attached a kprobe ({read(out, 'perf-attach.err').strip()})")
    check(read(out, "perf-refused.status").strip() == "1",
          "a run beside a perf-attached kprobe on do_unlinkat refuses (exit 1)")
    want = f"hookbench:   prog {prog} kprobe hb_perf_attach on kprobe:do_unlinkat, pid {pid} ({comm})"
    check(want in read(out, "perf-refused.err").splitlines(),
          f"the refusal names it, where and whose: {want!r}")
    check(not os.path.exists(os.path.join(out, "perf-refused")), "nothing is written")
    line = f"prog {prog} type kprobe name hb_perf_attach on kprobe:do_unlinkat via perf fd {fd} of pid {pid} ({comm})"
    check(line in read(out, "perf-census.txt").splitlines(), f"hookbench census: {line!r}")


def main(out):
    release = read(out, "uname").strip()
    new_kernel = not release.startswith("6.1.")
    print(f"# guest kernel {release}")
    with open(os.path.join(out, "list.csv"), newline="") as f:
        listed = {r["hook"]: r for r in csv.DictReader(f) if r["hook"] not in REMOVES_ONLY}  # guest-lsm.sh measures those
    check(NAMED <= set(listed), f"hookbench list names the hooks checked by name ({', '.join(listed)})")
    for hook, r in listed.items():
        check_hook(out, hook, r["kind"], new_kernel or r["kind"] != "kprobe_multi", new_kernel)
        check_other(out, hook, new_kernel or r["kind"] != "kprobe_multi")
    lands = {"tracepoint": "every_task_slow_path", "raw_tp": "every_syscall", "kprobe": "this_call",
             "kprobe_multi": "this_call", "fentry": "this_call"}
    check(all(listed[h].get("cost_lands") == want for h, want in lands.items()),
          "hookbench list says where each hook's cost lands (cost_lands column)")
    check(all(r["status"] == "supported" for r in listed.values()
              if new_kernel or r["kind"] != "kprobe_multi"),
          "hookbench list: every hook this kernel has is supported")
    kprobes = read(out, "kprobes-list.txt")
    check("do_unlinkat+0x" in kprobes and "[FTRACE]" in kprobes,
          "the entry kprobe shows in kprobes/list, on ftrace")
    print("# kprobes/list: " + kprobes.strip().splitlines()[0])
    check(read(out, "kprobe-capture.status").strip() == "0", "kprobe-loader capture exits 0")
    with open(os.path.join(out, "kprobe-capture.json")) as f:
        cap = json.load(f)
    check(cap.get("events") == 100, f"kprobe-loader counts exactly 100 (got {cap.get('events')})")
    check(cap.get("sample_filename") == "hookbench-file",
          f"kprobe-loader capture reads hookbench-file (got {cap.get('sample_filename')!r})")
    with open(os.path.join(out, "tp-loader.json")) as f:
        check(json.load(f).get("events") == 1000, "tp-loader counts exactly 1000 in the guest")
    check_reentry(out, new_kernel)
    check_attached(out)
    check_perf_attached(out)
    check_optimization(out)
    return finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
