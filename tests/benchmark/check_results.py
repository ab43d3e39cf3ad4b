#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validate a hookbench results directory: schema, counts, intervals, meta.

Usage: check_results.py DIR HOOKS PAYLOADS MODES BLOCKS OPS WARMUP STATS [THREADS]
The run is expected with the default reference (tracepoint, measured even
when HOOKS leaves it out) and its `none` control cell per mode x threads.
Prints TAP-style lines; exits 0 when every check passed, 1 otherwise.
"""
import collections
import csv
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import check, finish  # noqa: E402
from check_summary_json import problems as summary_json_problems  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from tdist import t_quantile  # noqa: E402

REQUIRED = ("hook,payload,mode,threads,status,reason,blocks,ops_per_block,events_expected,"
            "events_seen,baseline_ns_per_op,hooked_ns_per_op,overhead_ns_per_event,ci95_low_ns,"
            "ci95_high_ns,prog_ns_per_run,nmissed,recursion_misses").split(",")
NUMERIC = ["baseline_ns_per_op", "hooked_ns_per_op", "overhead_ns_per_event", "ci95_low_ns",
           "ci95_high_ns", "prog_ns_per_run"]
PREROLL = 256
CAPTURED = {"enoent": "hookbench-absent", "create": "hookbench-file", "churn": "hookbench-file",
            "other": "", "other_remote": ""}
# unlinkat() calls per iteration: other and other_remote call getppid() instead.
UNLINKS = {"enoent": 1, "create": 1, "churn": 1, "other": 0, "other_remote": 0}
READS_FILENAME = ("capture", "ringbuf", "printk")
KPROBE_LINKS = ("kprobe", "kprobe_offset", "kretprobe", "kprobe_multi")
REFERENCE = "tracepoint"
CONTROL = "none"
NEW_COLUMNS = ["reference_hook", "ratio_vs_reference", "ratio_between_run_low",
               "ratio_between_run_high", "ratio_earlier_runs", "replicates", "between_run_low_ns",
               "between_run_high_ns", "earlier_runs", "speed_states", "dispatch_ns", "body_ns",
               "total_ns_per_event", "foreign_programs", "flags", "unit"]
FLAGS = {"at_resolution", "ratio_at_resolution", "below_zero", "control_biased",
         "reference_not_above_zero"}
STATES_COLUMNS = ("hook,payload,mode,threads,state,baseline_ns_per_op,baseline_low_ns_per_op,"
                  "baseline_high_ns_per_op,share_of_run,visits,overhead_ns_per_event,ci95_low_ns,"
                  "ci95_high_ns,headline,unit").split(",")


def number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_control_row(r, blocks):
    key = f"{CONTROL}/{r['mode']}/{r['threads']}t"
    check(r["blocks"] == str(blocks), f"{key}: {blocks} measured pairs (got {r['blocks']})")
    check(r["events_expected"] == "0" and r["events_seen"] == "0",
          f"{key}: nothing attached, no event expected or seen")
    values = [number(r[c]) for c in ("overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns")]
    check(None not in values and values[1] <= values[0] <= values[2],
          f"{key}: the noise floor has an estimate inside its interval "
          f"({r['overhead_ns_per_event']} [{r['ci95_low_ns']}, {r['ci95_high_ns']}])")
    check(r["prog_ns_per_run"] == "" and r["ratio_vs_reference"] == "" and r["dispatch_ns"] == "",
          f"{key}: no program, no ratio, no breakdown")


def check_ok_row(r, blocks, ops, warmup, stats):
    key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t"
    threads = int(r["threads"])
    if r["hook"] == CONTROL:
        check_control_row(r, blocks)
        return
    check(r["blocks"] == str(blocks), f"{key}: {blocks} measured pairs (got {r['blocks']})")
    hooked_blocks = 2 * (warmup + (blocks + 1) // 2) + stats - (blocks % 2)
    if r["payload"] == "empty":
        hooked_blocks = stats  # only bpf_stats' run count shows an empty program ran
    expected = hooked_blocks * (ops + PREROLL) * threads * UNLINKS[r["mode"]]
    check(r["events_expected"] == str(expected),
          f"{key}: events_expected = {expected} (got {r['events_expected']})")
    seen = int(r["events_seen"] or -1)
    if not UNLINKS[r["mode"]]:
        check(seen == 0, f"{key}: no unlinkat, so the payload never fired ({seen})")
    elif r["payload"] == "empty":
        check(seen >= expected, f"{key}: the empty program ran at least {expected} times ({seen})")
    elif r["payload"] == "ringbuf":
        drops = int(r["ringbuf_drops"] or -1)
        check(seen + drops == expected,
              f"{key}: records read + dropped == expected ({seen} + {drops} == {expected})")
    else:
        check(seen == expected, f"{key}: events_seen == events_expected ({seen})")
    values = {c: number(r[c]) for c in NUMERIC}
    if not UNLINKS[r["mode"]] and r["prog_ns_per_run"] == "":
        # A program on unlinkat's own tracepoint never runs for getppid(): no in-program cost.
        values.pop("prog_ns_per_run")
    check(all(v is not None for v in values.values()), f"{key}: every figure is a number")
    if all(v is not None for v in values.values()):
        check(values["ci95_low_ns"] <= values["overhead_ns_per_event"] <= values["ci95_high_ns"],
              f"{key}: ci95_low <= estimate <= ci95_high "
              f"({r['ci95_low_ns']} <= {r['overhead_ns_per_event']} <= {r['ci95_high_ns']})")
        check(values["baseline_ns_per_op"] > 0 and values.get("prog_ns_per_run", 1) > 0,
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


def check_breakdown(r, ran):
    key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t"
    empty = [e for e in ran if (e["hook"], e["payload"], e["mode"], e["threads"]) ==
             (r["hook"], "empty", r["mode"], r["threads"])]
    parts = [number(r["dispatch_ns"]), number(r["body_ns"])]
    if not empty or r["hook"] == CONTROL:
        check(parts == [None, None], f"{key}: no dispatch_ns or body_ns without empty ({parts})")
        return
    check(None not in parts, f"{key}: dispatch_ns and body_ns with empty measured ({parts})")
    check(parts[0] == number(empty[0]["overhead_ns_per_event"]),
          f"{key}: dispatch_ns is the empty row's overhead")
    if r["payload"] == "empty":
        check(parts[1] == 0, f"{key}: the empty row's body_ns is 0")


def ratio_interval_ok(ratio, low, high):
    """Centred on the ratio and never zero-width, as summary.csv prints it (4
    decimals): a half-width under 1e-4 (guest instructions barely vary) can
    print one end equal to the ratio, never both."""
    return low <= ratio <= high and low < high and abs((ratio - low) - (high - ratio)) <= 2e-4


def check_figures(rows, replicates):
    """The columns after kernel: ratio, replicates, speed states, breakdown, total."""
    ran = [r for r in rows if r["status"] == "ok"]
    for r in ran:
        key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t"
        ratio = [number(r[c]) for c in ("ratio_vs_reference", "ratio_between_run_low",
                                        "ratio_between_run_high")]
        flags = set(r["flags"].split(";")) - {""}
        check(flags <= FLAGS, f"{key}: flags are known words ({r['flags']})")
        check(r["reference_hook"] == REFERENCE, f"{key}: reference_hook is {REFERENCE}")
        if r["hook"] == REFERENCE:
            check(ratio == [1.0, None, None] and r["ratio_earlier_runs"] == "",
                  f"{key}: the reference's ratio is 1, without bounds ({ratio})")
        elif "reference_not_above_zero" in flags:
            check(ratio == [None, None, None], f"{key}: no ratio when the reference is not above 0")
        elif r["hook"] != CONTROL and None not in ratio:
            check(ratio_interval_ok(*ratio),
                  f"{key}: the ratio interval is centred on the ratio, not zero-width ({ratio})")
        used = int(r["replicates"])
        check(3 <= used <= replicates if replicates >= 3 else used <= replicates,
              f"{key}: replicates used ({used}) at most the {replicates} asked")
        between = [number(r[c]) for c in ("between_run_low_ns", "between_run_high_ns")]
        if used >= 3:
            median = number(r["overhead_ns_per_event"])
            check(None not in between and between[0] < median < between[1] and
                  abs((median - between[0]) - (between[1] - median)) <= 0.02,
                  f"{key}: a between-run interval centred on the estimate {median} ({between})")
            check(r["earlier_runs"].isdigit(), f"{key}: earlier_runs says what it used ({r['earlier_runs']})")
        else:
            check(between == [None, None], f"{key}: no between-run interval from {used} replicates")
        check(r["speed_states"] in ("1", "2", "3", "4"), f"{key}: 1 to 4 speed states ({r['speed_states']})")
        total, overhead = number(r["total_ns_per_event"]), number(r["overhead_ns_per_event"])
        if r["payload"] == "ringbuf":
            check(total is not None and total >= overhead,
                  f"{key}: total_ns_per_event counts the reader too ({total} >= {overhead})")
        else:
            check(total == overhead, f"{key}: total_ns_per_event is the overhead ({total})")
        check_breakdown(r, ran)


def check_states(path, rows):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        states = [dict(zip(header, row)) for row in reader]
    check(header == STATES_COLUMNS, "states.csv has exactly its columns, in order")
    for r in (r for r in rows if r["status"] == "ok"):
        key = (r["hook"], r["payload"], r["mode"], r["threads"])
        mine = [s for s in states if (s["hook"], s["payload"], s["mode"], s["threads"]) == key]
        name = "/".join(key)
        check(str(len(mine)) == r["speed_states"] and
              [s["state"] for s in mine] == [str(i + 1) for i in range(len(mine))],
              f"states.csv: {name} has one row per speed state, numbered from 1 ({len(mine)})")
        check(abs(sum(float(s["share_of_run"]) for s in mine) - 1) < 1e-3,
              f"states.csv: {name}: the shares sum to 1")
        placed = sum(int(s["visits"]) for s in mine)
        visits = (int(r["blocks"]) + 1) // 2
        check(0 < placed <= visits,
              f"states.csv: {name}: each visit falls in one state, or in none when its first "
              f"baseline block was timed as 0 (a coarse guest clock): {placed} of {visits}")
        levels = [float(s["baseline_ns_per_op"]) for s in mine]
        check(levels == sorted(levels), f"states.csv: {name}: state 1 is the fastest")
        heads = [s for s in mine if s["headline"] == "1"]
        check(all(s["headline"] in ("0", "1") for s in mine) and len(heads) <= 1,
              f"states.csv: {name}: at most one headline state")
        for s in heads:
            same = [(s[c], r[c]) for c in ("overhead_ns_per_event", "ci95_low_ns", "ci95_high_ns")]
            check(all(a == b for a, b in same),
                  f"states.csv: {name}: the headline state's overhead and interval are "
                  f"summary.csv's (states.csv, summary.csv: {same})")
    ok = [r for r in rows if r["status"] == "ok"]
    visits = max([(int(r["blocks"]) + 1) // 2 for r in ok] or [1])
    check_headline_rule(states, {(r["hook"], r["payload"], r["mode"], r["threads"]) for r in ok},
                        visits)


HEADLINE_MIN_SHARE = 0.10
MEDIAN_CI_MIN_VISITS = 6  # hb_median_ci_min_n(0.95)
HEADLINE_SPARE_VISITS = 2
SHARE_DIGITS = 0.5e-4  # share_of_run is printed to 4 decimals


# summary.csv's columns for each figure of replicates.csv: estimate, interval,
# earlier runs, its at-resolution flag, and how far printing may move a bound.
FIGURES = {"overhead": ("overhead_ns_per_event", "between_run_low_ns", "between_run_high_ns",
                        "earlier_runs", "at_resolution", 0.011),
           "ratio": ("ratio_vs_reference", "ratio_between_run_low", "ratio_between_run_high",
                     "ratio_earlier_runs", "ratio_at_resolution", 0.00011)}


def check_replicates(path, rows):
    """replicates.csv holds the K estimates behind each interval, and the
    interval follows from them as common/between_run.h says: centred on the
    figure; without earlier runs, +- t(K-1) * sqrt(2 * V_w), V_w = s^2 / K
    (inflated by (1 + r) / (1 - r), at most K, when the lag-1 autocorrelation
    r is over 1.645 / sqrt(K)); with earlier runs, at least that."""
    with open(path, newline="") as f:
        reps = list(csv.DictReader(f))
    by = {}
    for x in reps:
        by.setdefault((x["hook"], x["payload"], x["mode"], x["threads"], x["figure"]), []).append(x)
    checked = 0
    for r in rows:
        for figure, (col, lo, hi, earlier, flag, slack) in FIGURES.items():
            if r["status"] != "ok" or not r[lo]:
                continue
            key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t {figure}"
            mine = by.get((r["hook"], r["payload"], r["mode"], r["threads"], figure), [])
            k = len(mine)
            check(k >= 3 and [int(x["replicate"]) for x in mine] == list(range(1, k + 1)) and
                  (figure == "ratio" or k == int(r["replicates"])),
                  f"replicates.csv: {key}: its {k} replicates, in order")
            if k < 3:
                continue
            e = [float(x["estimate"]) for x in mine]
            mean = sum(e) / k
            den = sum((v - mean) ** 2 for v in e)
            lag1 = sum((e[i] - mean) * (e[i + 1] - mean) for i in range(k - 1)) / den if den else 0
            grow = min(k, (1 + lag1) / (1 - lag1)) if lag1 > 1.6449 / math.sqrt(k) else 1
            within = t_quantile(0.975, k - 1) * math.sqrt(2 * den / (k - 1) / k * grow)
            est, low, high = float(r[col]), float(r[lo]), float(r[hi])
            half = (high - low) / 2
            check(abs((est - low) - (high - est)) <= 2 * slack,
                  f"replicates.csv: {key}: the interval [{low}, {high}] is centred on {est}")
            if flag in r["flags"].split(";"):
                check(half >= within - slack, f"replicates.csv: {key}: at the resolution, at least "
                      f"the within-run part ({half:.4g} >= {within:.4g})")
            elif r[earlier] == "0":
                check(abs(half - within) <= slack,
                      f"replicates.csv: {key}: no earlier runs: the half-width {half:.4g} is "
                      f"t·sqrt(2·V_w) of its replicates ({within:.4g})")
            else:
                check(half >= within - slack, f"replicates.csv: {key}: with {r[earlier]} earlier "
                      f"runs the half-width {half:.4g} is at least the within-run part ({within:.4g})")
            checked += 1
    check(checked > 0 or not any(r["between_run_low_ns"] for r in rows),
          f"replicates.csv: {checked} intervals recomputed from their replicates")


def headline_min_share(visits):
    """speed_states.c's hb_headline_min_share(): 10%, or enough for a 95%
    interval's 6 visits plus 2 spare in a cell of `visits` visits."""
    return max(HEADLINE_MIN_SHARE, (MEDIAN_CI_MIN_VISITS + HEADLINE_SPARE_VISITS) / visits)


def check_headline_rule(states, cells, visits):
    """bench/engine/speed_states.c's rule, per (mode, threads) group: the
    headline is the fastest state holding headline_min_share(visits) of the
    group's baseline blocks (share_of_run), whatever the cells' visits in it;
    every cell of the group has it; none holding it: no headline, and a group
    of one state has it as the headline. cells: the keys of the cells
    measured; visits: visits per cell."""
    need = headline_min_share(visits)
    groups = {}
    for s in states:
        key = (s["hook"], s["payload"], s["mode"], s["threads"])
        if key in cells:
            groups.setdefault((s["mode"], s["threads"]), {}).setdefault(key, []).append(s)
    for (mode, threads), mine in groups.items():
        share = {int(s["state"]): float(s["share_of_run"]) for rows in mine.values() for s in rows}
        surely = [k for k in sorted(share) if share[k] >= need + SHARE_DIGITS]
        possibly = [k for k in sorted(share) if share[k] >= need - SHARE_DIGITS]
        heads = {int(s["state"]) for rows in mine.values() for s in rows if s["headline"] == "1"}
        headed = {key for key, rows in mine.items() if any(s["headline"] == "1" for s in rows)}
        group = f"{mode}/{threads}"
        if not possibly:
            check(not heads, f"states.csv: {group}: no state holds {need:.3f} of the blocks: "
                  f"no headline ({sorted(heads)})")
            continue
        check(len(heads) == 1 and headed == set(mine),
              f"states.csv: {group}: one headline state for every cell of the group ({sorted(heads)})")
        for h in heads:
            check(h in possibly and not [k for k in surely if k < h],
                  f"states.csv: {group}: the headline is state {h}, the fastest holding >= "
                  f"{need:.3f} of the group's baseline blocks (holding it: {possibly})")


def check_summary(path, hooks, payloads, modes, blocks, ops, warmup, stats, threads):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, row)) for row in reader]
    check(header[:len(REQUIRED)] == REQUIRED, "summary.csv starts with the required columns, in order")
    check(header[-len(NEW_COLUMNS) - 1:] == ["kernel"] + NEW_COLUMNS,
          "summary.csv ends with kernel and the figures columns, in order")
    measured = hooks + ([REFERENCE] if REFERENCE not in hooks else [])
    want = {(h, p, m, t) for h in measured for p in payloads for m in modes for t in threads}
    want |= {(CONTROL, CONTROL, m, t) for m in modes for t in threads}
    got = {(r["hook"], r["payload"], r["mode"], r["threads"]) for r in rows}
    check(got == want and len(rows) == len(want),
          f"summary.csv has one row per hook x payload x mode x threads, the reference's and "
          f"the control's ({len(want)})")
    for r in rows:
        key = f"{r['hook']}/{r['payload']}/{r['mode']}/{r['threads']}t"
        check(r["status"] in ("ok", "unsupported", "mismatch", "error", "interrupted", "contaminated"),
              f"{key}: status '{r['status']}' is a known one")
        check(r.get("clock") in ("cpu", "wall"), f"{key}: the clock is named ({r.get('clock')})")
        if r["mode"] == "other_remote" and len(os.sched_getaffinity(0)) < 2:
            check(r["status"] == "unsupported" and "second CPU" in r["reason"],
                  f"{key}: other_remote with one CPU is unsupported, with the reason ({r['reason']})")
        elif r["hook"] in ("tracepoint", CONTROL):
            check(r["status"] == "ok", f"{key}: the {r['hook']} row is ok ({r['reason']})")
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
    want = sum(per_cell - (stats if r["hook"] == CONTROL else 0) for r in ok_cells)
    check(len(runs) == want,
          f"runs.csv has one row per block ({per_cell} per measured cell, the control without "
          f"stats blocks: {want}, got {len(runs)})")
    kinds = {r["kind"] for r in runs}
    check(kinds <= {"baseline", "hooked", "stats"}, f"block kinds are known ({sorted(kinds)})")
    check(all(r["events"] == "0" for r in runs if r["kind"] == "baseline"),
          "no events while detached, in any baseline block")
    check(all(int(r["events"]) == (ops + PREROLL) * int(r["threads"]) * UNLINKS[r["mode"]]
              for r in runs if r["kind"] != "baseline" and r["payload"] not in ("empty", CONTROL)),
          f"every attached block counted its ({ops} + {PREROLL} pre-roll) x threads unlinkat "
          f"calls (none in modes other and other_remote)")
    check(all(number(r["ns_per_op"]) and number(r["ns_per_op"]) > 0 for r in runs),
          "every block has a positive wall-clock ns/op")
    cpu = [number(r["cpu_ns_per_op"]) for r in runs]
    if any(r["timing"].startswith("emulated") for r in rows):
        # An emulated guest's thread CPU clock sometimes does not advance over a block.
        check(all(v is not None and v >= 0 for v in cpu),
              f"every block has a CPU-time ns/op, emulated: {cpu.count(0.0)} of {len(cpu)} read 0")
    else:
        check(all(v is not None and v > 0 for v in cpu), "every block has a positive CPU-time ns/op")


def check_loads(path, meta):
    """Each replicate measured a load of its own: loads 1..K in a cell's measured blocks."""
    settings = meta.get("settings", {})
    k, per_replicate = settings.get("replicates"), settings.get("load_per_replicate")
    check(per_replicate is True, f"meta.json: load_per_replicate is true by default ({per_replicate})")
    with open(path, newline="") as f:
        runs = [r for r in csv.DictReader(f) if r["warmup"] == "0" and r["hook"] != CONTROL]
    loads = collections.defaultdict(list)
    for r in runs:
        loads[(r["hook"], r["payload"], r["mode"], r["threads"])].append(int(r["load"]))
    want = list(range(1, (k or 0) + 1))
    check(loads and all(sorted(set(v)) == want and v == sorted(v) for v in loads.values()),
          f"runs.csv: every cell's measured blocks used loads 1..{k} in order, one per replicate")
    check(all(r["load"] == "" for r in csv.DictReader(open(path, newline="")) if r["hook"] == CONTROL),
          "runs.csv: the control has no load")


def check_reader_cpu(meta, payloads):
    reader, cpu = meta.get("ringbuf_reader_cpu", "missing"), meta.get("settings", {}).get("cpu")
    if "ringbuf" not in payloads:
        check(reader is None, f"meta.json: ringbuf_reader_cpu is null without ringbuf ({reader})")
    elif len(os.sched_getaffinity(0)) >= 2:
        check(isinstance(reader, int) and reader != cpu,
              f"meta.json: the ring-buffer reader ran on CPU {reader}, not the measured {cpu}")
    else:
        check(reader == cpu, f"meta.json: with one CPU the reader shared it ({reader})")


def check_meta(path, rows, payloads):
    with open(path) as f:
        meta = json.load(f)
    kernel = meta.get("kernel", {})
    check(bool(kernel.get("release")), "meta.json: kernel release")
    check(rows and all(r.get("kernel") == kernel.get("release") for r in rows),
          "summary.csv: every row's kernel column is meta.json's kernel release")
    check(meta.get("schema_version") == 6, "meta.json: schema_version 6")
    check_reader_cpu(meta, payloads)
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
    fs = meta.get("settings", {}).get("scratch_fs")
    check(isinstance(fs, str) and re.fullmatch(r"[a-z0-9]+|0x[0-9a-f]+", fs or "") is not None,
          f"meta.json: the filesystem the workload ran on ({fs})")


def main():
    out, hooks, payloads, modes = sys.argv[1], *(a.split(",") for a in sys.argv[2:5])
    blocks, ops, warmup, stats = (int(a) for a in sys.argv[5:9])
    threads = sys.argv[9].split(",") if len(sys.argv) > 9 else ["1"]
    check(not os.path.exists(out + ".partial"), "DIR.partial was renamed away")
    for name in ("runs.csv", "summary.csv", "summary.json", "states.csv", "meta.json"):
        check(os.path.isfile(os.path.join(out, name)), f"{name} exists")
    if os.path.isfile(os.path.join(out, "summary.json")):
        differ = list(summary_json_problems(out))
        check(not differ, "summary.json holds summary.csv's rows field by field, typed" +
              (f": {differ[0]} (and {len(differ) - 1} more)" if differ else ""))
    rows = check_summary(os.path.join(out, "summary.csv"), hooks, payloads, modes, blocks, ops,
                         warmup, stats, threads)
    check_runs(os.path.join(out, "runs.csv"), rows, blocks, ops, warmup, stats)
    check_meta(os.path.join(out, "meta.json"), rows, payloads)
    with open(os.path.join(out, "meta.json")) as f:
        replicates = json.load(f).get("settings", {}).get("replicates")
    check(isinstance(replicates, int) and replicates >= 1, f"meta.json: replicates ({replicates})")
    check_figures(rows, replicates or 0)
    with open(os.path.join(out, "meta.json")) as f:
        check_loads(os.path.join(out, "runs.csv"), json.load(f))
    check_states(os.path.join(out, "states.csv"), rows)
    check_replicates(os.path.join(out, "replicates.csv"), rows)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
