#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Recompute hyperfine.csv's tp-loader estimate from the rounds in hyperfine.json.

Each round gives ((loader storm - loader true) - (storm - true)) / N, each
command's CPU time (user + system; the wall-clock mean when the CSV's clock
is wall), each loader command less its own time (loader_outside_s);
the CSV must hold their median over the rounds kept and, for 6 rounds, the
95% order-statistic interval [min, max]. Exit 0 when it does, 1 with the
difference otherwise.
"""
import csv
import json
import statistics
import sys

export = json.load(open(sys.argv[1]))
row = next(r for r in csv.DictReader(open(sys.argv[2])) if r["loader"] == "tp-loader")
n = export["iterations"]
outside = export["loader_outside_s"]
estimates = []
for k, rnd in enumerate(export["rounds"]):
    if not export["kept"][k]:
        continue
    if row["clock"] == "wall":
        mean = {r["command"]: r["mean"] for r in rnd["results"]}
    else:
        mean = {r["command"]: r["user"] + r["system"] for r in rnd["results"]}
    tool = {c: c.split()[0].rsplit("/", 1)[-1] for c in mean}
    storm = next(c for c in mean if tool[c] == "unlink-storm")
    loader_storm = next(c for c in mean if tool[c] == "tp-loader" and not c.endswith("-- true"))
    loader_true = next(c for c in mean if tool[c] == "tp-loader" and c.endswith("-- true"))
    hooked = (mean[loader_storm] - outside["tp-loader storm"][k]) - (mean[loader_true] - outside["tp-loader true"][k])
    estimates.append((hooked - (mean[storm] - mean["true"])) / n * 1e9)
want = {
    "ns_per_op": statistics.median(estimates),
    "ci95_low_ns": min(estimates),
    "ci95_high_ns": max(estimates),
}
bad = [f"{k}: csv {row[k]}, rounds give {v:.1f}" for k, v in want.items() if abs(float(row[k]) - v) > 0.051]
if len(estimates) != 6 or bad:
    print(f"{len(estimates)} rounds; " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
