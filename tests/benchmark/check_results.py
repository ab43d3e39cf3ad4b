#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validate a hookbench results directory: schema, counts, intervals, meta.

Usage: check_results.py DIR HOOKS PAYLOADS MODES BLOCKS OPS WARMUP STATS [THREADS]
Prints TAP-style lines; exits 0 when every check passed, 1 otherwise.
"""
import csv
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import check, finish  # noqa: E402

REQUIRED = ("hook,payload,mode,threads,status,reason,blocks,ops_per_block,events_expected,"
            "events_seen,baseline_ns_per_op,hooked_ns_per_op,overhead_ns_per_event,ci95_low_ns,"
            "ci95_high_ns,prog_ns_per_run,nmissed,recursion_misses").split(",")
NUMERIC = ["baseline_ns_per_op", "hooked_ns_per_op", "overhead_ns_per_event", "ci95_low_ns",
           "ci95_high_ns", "prog_ns_per_run"]
PREROLL = 256
CAPTURED = {"enoent": "hookbench-absent", "create": "hookbench-file"}
READS_FILENAME = ("capture", "ringbuf", "printk")
KPROBE_LINKS = ("kprobe", "kprobe_offset", "kretprobe", "kprobe_multi")



def number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_ok_row(r, blocks, ops, warmup, stats):
    key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t"
    threads = int(r["threads"])
    check(r["blocks"] == str(blocks), f"{key}: {blocks} measured pairs (got {r['blocks']})")
    hooked_blocks = 2 * (warmup + (blocks + 1) // 2) + stats - (blocks % 2)
    if r["payload"] == "empty":
        hooked_blocks = stats  # only bpf_stats' run count shows an empty program ran
    expected = hooked_blocks * (ops + PREROLL) * threads
    check(r["events_expected"] == str(expected),
          f"{key}: events_expected = {expected} (got {r['events_expected']})")
    seen = int(r["events_seen"] or -1)
    if r["payload"] == "empty":
        check(seen >= expected, f"{key}: the empty program ran at least {expected} times ({seen})")
    elif r["payload"] == "ringbuf":
        drops = int(r["ringbuf_drops"] or -1)
        check(seen + drops == expected,
              f"{key}: records read + dropped == expected ({seen} + {drops} == {expected})")
    else:
        check(seen == expected, f"{key}: events_seen == events_expected ({seen})")
    values = {c: number(r[c]) for c in NUMERIC}
    check(all(v is not None for v in values.values()), f"{key}: every figure is a number")
    if all(v is not None for v in values.values()):
        check(values["ci95_low_ns"] <= values["overhead_ns_per_event"] <= values["ci95_high_ns"],
              f"{key}: ci95_low <= estimate <= ci95_high "
              f"({r['ci95_low_ns']} <= {r['overhead_ns_per_event']} <= {r['ci95_high_ns']})")
        check(values["baseline_ns_per_op"] > 0 and values["prog_ns_per_run"] > 0,
              f"{key}: baseline and in-program cost are positive")
    check(r["recursion_misses"].isdigit(), f"{key}: recursion_misses is a count")
    if r["hook"] in KPROBE_LINKS:
        check(r["nmissed"].isdigit() or (r["nmissed"] == "" and r["nmissed_reason"] != ""),
              f"{key}: nmissed is a count, or empty with a reason")
    else:
        check(r["nmissed"] == "" and r["nmissed_reason"] != "",
              f"{key}: nmissed is empty with a reason, never a pretend 0")
    if r["payload"] in READS_FILENAME:
        check(r["sample_filename"] == CAPTURED[r["mode"]],
              f"{key}: captured filename is {CAPTURED[r['mode']]} (got {r['sample_filename']!r})")


def check_summary(path, hooks, payloads, modes, blocks, ops, warmup, stats, threads):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, row)) for row in reader]
    check(header[:len(REQUIRED)] == REQUIRED, "summary.csv starts with the required columns, in order")
    want = {(h, p, m, t) for h in hooks for p in payloads for m in modes for t in threads}
    got = {(r["hook"], r["payload"], r["mode"], r["threads"]) for r in rows}
    check(got == want and len(rows) == len(want),
          f"summary.csv has one row per hook x payload x mode x threads ({len(want)})")
    for r in rows:
        key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t"
        check(r["status"] in ("ok", "unsupported", "mismatch", "error", "interrupted"),
              f"{key}: status '{r['status']}' is a known one")
        check(r.get("clock") in ("cpu", "wall"), f"{key}: the clock is named ({r.get('clock')})")
        if r["hook"] == "tracepoint":
            check(r["status"] == "ok", f"{key}: the tracepoint row is ok ({r['reason']})")
        if r["hook"] == "kprobe":
            check(r["status"] == "ok" or (r["status"] == "unsupported" and r["reason"]),
                  f"{key}: the kprobe row is ok, or unsupported with a reason ({r['reason']})")
        if r["status"] == "ok":
            check_ok_row(r, blocks, ops, warmup, stats)
        elif r["status"] == "unsupported":
            check(all(r[c] == "" for c in NUMERIC + ["events_seen", "nmissed"]),
                  f"{key}: an unsupported row has no figures, not zeros")
    return rows


def check_runs(path, rows, blocks, ops, warmup, stats):
    with open(path, newline="") as f:
        runs = list(csv.DictReader(f))
    ok_cells = [r for r in rows if r["status"] == "ok"]
    per_cell = 4 * warmup + 2 * blocks + stats
    check(len(runs) == per_cell * len(ok_cells),
          f"runs.csv has one row per block ({per_cell} per measured cell, got {len(runs)})")
    kinds = {r["kind"] for r in runs}
    check(kinds <= {"baseline", "hooked", "stats"}, f"block kinds are known ({sorted(kinds)})")
    check(all(r["events"] == "0" for r in runs if r["kind"] == "baseline"),
          "no events while detached, in any baseline block")
    check(all(int(r["events"]) == (ops + PREROLL) * int(r["threads"]) for r in runs
              if r["kind"] != "baseline" and r["payload"] != "empty"),
          f"every attached block counted its ({ops} + {PREROLL} pre-roll) x threads calls")
    check(all(number(r["ns_per_op"]) and number(r["ns_per_op"]) > 0 for r in runs),
          "every block has a positive wall-clock ns/op")
    check(all(number(r["cpu_ns_per_op"]) and number(r["cpu_ns_per_op"]) > 0 for r in runs),
          "every block has a positive CPU-time ns/op")


def check_meta(path, rows):
    with open(path) as f:
        meta = json.load(f)
    kernel = meta.get("kernel", {})
    check(bool(kernel.get("release")), "meta.json: kernel release")
    check(rows and all(r.get("kernel") == kernel.get("release") for r in rows),
          "summary.csv: every row's kernel column is meta.json's kernel release")
    check(meta.get("schema_version") == 2, "meta.json: schema_version 2")
    check("git_revision" in meta, f"meta.json: git_revision ({meta.get('git_revision')})")
    check(isinstance(kernel.get("cmdline"), str), "meta.json: the kernel command line")
    check(all(k in kernel and (kernel[k] is None or isinstance(kernel[k], int))
              for k in ("bpf_jit_enable", "bpf_jit_harden")),
          "meta.json: bpf_jit_enable and bpf_jit_harden, numbers or null")
    cpu = meta.get("cpu", {})
    check(cpu.get("hypervisor") in (True, False, None) and "hypervisor" in cpu
          and isinstance(cpu.get("mitigations"), dict),
          "meta.json: cpu.hypervisor and cpu.mitigations")
    progs = meta.get("syscall_path_programs")
    check(isinstance(progs, list) and all(sorted(p) == ["attach", "id", "name", "type"] for p in progs),
          f"meta.json: syscall_path_programs, each with id, type, name, attach ({progs})")
    config = kernel.get("config", {})
    check(all(k in config for k in ("KPROBES", "OPTPROBES", "KPROBES_ON_FTRACE")),
          "meta.json: KPROBES, OPTPROBES, KPROBES_ON_FTRACE")
    check(bool(kernel.get("preempt_model")), f"meta.json: preemption model ({kernel.get('preempt_model')})")
    cpu = meta.get("cpu", {})
    check(bool(cpu.get("model")) and cpu.get("nproc", 0) >= 1, "meta.json: CPU model and nproc")
    versions = meta.get("versions", {})
    check(all(versions.get(k) for k in ("libbpf", "bpftool", "clang")),
          "meta.json: libbpf, bpftool and clang versions")
    check("hookbench" in meta.get("command_line", "") and " run" in meta.get("command_line", ""),
          "meta.json: the command line")
    check(len(meta.get("date", "")) == 20 and meta["date"].endswith("Z"), "meta.json: the UTC date")


def main():
    out, hooks, payloads, modes = sys.argv[1], *(a.split(",") for a in sys.argv[2:5])
    blocks, ops, warmup, stats = (int(a) for a in sys.argv[5:9])
    threads = sys.argv[9].split(",") if len(sys.argv) > 9 else ["1"]
    check(not os.path.exists(out + ".partial"), "DIR.partial was renamed away")
    for name in ("runs.csv", "summary.csv", "meta.json"):
        check(os.path.isfile(os.path.join(out, name)), f"{name} exists")
    rows = check_summary(os.path.join(out, "summary.csv"), hooks, payloads, modes, blocks, ops,
                         warmup, stats, threads)
    check_runs(os.path.join(out, "runs.csv"), rows, blocks, ops, warmup, stats)
    check_meta(os.path.join(out, "meta.json"), rows)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
