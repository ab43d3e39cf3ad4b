#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""scripts/coverage on made-up runs whose answer is known: which estimates
land in which intervals, over ordered pairs, and the pre-schema-6 formula
recomputed from replicates.csv. TAP output."""
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
from tap import check, finish  # noqa: E402

SCRIPT = os.path.join(here, "..", "..", "scripts", "coverage")
HEADER = ("hook,payload,mode,threads,status,overhead_ns_per_event,between_run_low_ns,"
          "between_run_high_ns,reference_hook,ratio_vs_reference,ratio_between_run_low,"
          "ratio_between_run_high\n")


def run_dir(root, name, est, low, high, ratio, reps):
    d = os.path.join(root, name)
    os.mkdir(d)
    with open(os.path.join(d, "summary.csv"), "w") as f:
        f.write(HEADER)
        f.write(f"tracepoint,count,enoent,1,ok,100,90,110,tracepoint,1.0000,,\n")
        f.write(f"raw_tp,count,enoent,1,ok,{est},{low},{high},tracepoint,{ratio},"
                f"{ratio - 0.1:.4f},{ratio + 0.1:.4f}\n")
    with open(os.path.join(d, "replicates.csv"), "w") as f:
        f.write("hook,payload,mode,threads,figure,replicate,estimate,unit\n")
        for i, e in enumerate(reps):
            f.write(f"raw_tp,count,enoent,1,overhead,{i + 1},{e},ns\n")
    return d


with tempfile.TemporaryDirectory() as root:
    # raw_tp: run a's interval [75, 85] holds b (80) not c (95); b's [70, 90] holds
    # a and not c; c's [90, 100] holds neither: 2 of 6 pairs
    dirs = [run_dir(root, "a", 80, 75, 85, 0.80, [79, 80, 81]),
            run_dir(root, "b", 80, 70, 90, 0.85, [80, 80, 80]),
            run_dir(root, "c", 95, 90, 100, 0.95, [94, 95, 96])]
    out = subprocess.run([sys.executable, SCRIPT, "--before"] + dirs, capture_output=True,
                         text=True)
    print("\n".join("# " + line for line in out.stdout.splitlines()))
    check(out.returncode == 0, f"scripts/coverage exits 0 ({out.returncode}: {out.stderr.strip()})")
    line = next((x for x in out.stdout.splitlines() if x.startswith("raw_tp/count/enoent/1t overhead")), "")
    check(line.split()[2:4] == ["6", "33.3%"], f"raw_tp's overhead: 2 of 6 ordered pairs inside ({line})")
    ratio = next((x for x in out.stdout.splitlines() if x.startswith("raw_tp/count/enoent/1t ratio")), "")
    # ratio intervals +-0.1: a holds b (0.85), b holds a and c, c holds b: 4 of 6
    check(ratio.split()[2:4] == ["6", "66.7%"], f"raw_tp's ratio: 4 of 6 inside ({ratio})")
    check("tracepoint/count/enoent/1t overhead" in out.stdout and
          "tracepoint/count/enoent/1t ratio" not in out.stdout,
          "the reference's own ratio has no interval and is not counted")
    # before: a's mean 80 +- t(2)·1·sqrt(4/3) = 4.97 holds b; b's zero-wide [80, 80] holds a;
    # c, with a and b as earlier runs, is widened by their spread to hold both: 4 of 6
    check(line.split()[6:8] == ["66.7%", "4.968"],
          f"the pre-schema-6 interval, recomputed from replicates.csv, history included ({line})")
    skipped = subprocess.run([sys.executable, SCRIPT, "--skip", "2"] + dirs, capture_output=True,
                             text=True).stdout
    line = next((x for x in skipped.splitlines() if x.startswith("raw_tp/count/enoent/1t overhead")), "")
    check(line.split()[2:5] == ["2", "0.0%", "-"],
          f"--skip 2: run c's interval alone, 0 of 2, no later run ({line})")
    line = next((x for x in out.stdout.splitlines() if x.startswith("raw_tp/count/enoent/1t overhead")), "")
    # later pairs: a holds b, not c; b does not hold c: 1 of 3
    check(line.split()[4] == "33.3%", f"later runs in earlier runs' intervals: 1 of 3 ({line})")
sys.exit(finish())
