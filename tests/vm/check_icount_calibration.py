#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Checks icount-calibrate's CSV (argv[1]): the thread's CPU clock advanced
1.00-1.01 ns per instruction at best of 3 on every loop (never under 1),
and the counter, on the uninterrupted short loops (10^5 iterations, best of
3), one ns per instruction: ticks as they are where the counter runs at
1 GHz (x86's TSC), or scaled by the frequency icount-calibrate printed
(argv[2], "hz=N": arm64's cntvct_el0). Exit 0 when all hold; the best
figures go to stderr."""
import collections
import csv
import re
import sys

hz = None
if len(sys.argv) > 2:
    found = re.search(r"hz=(\d+)", open(sys.argv[2]).read())
    hz = int(found.group(1)) if found else 0
ns = collections.defaultdict(lambda: 9.0)
cpu = collections.defaultdict(lambda: 9.0)
every = []
for r in csv.DictReader(open(sys.argv[1])):
    k = (r["loop"], r["iterations"])
    ticks = float(r["counter_per_insn"])
    ns[k] = min(ns[k], ticks * 1e9 / hz if hz else ticks)
    cpu[k] = min(cpu[k], float(r["cpu_per_insn"]))
    every.append(float(r["cpu_per_insn"]))
print(f"# counter at {hz or 'its own'} Hz; best counter ns per instruction:", dict(ns), file=sys.stderr)
print("# best thread cpu ns per instruction:", dict(cpu), file=sys.stderr)
short = [v for (loop, n), v in ns.items() if n == "100000"]
ok = (hz != 0 and len(cpu) == 9 and all(1.0 <= v <= 1.01 for v in cpu.values())
      and min(every) >= 1.0 and len(short) == 3 and all(abs(v - 1) <= 0.001 for v in short))
sys.exit(0 if ok else 1)
