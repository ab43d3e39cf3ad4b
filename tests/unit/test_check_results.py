#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The benchmark checker (tests/benchmark/check_results.py) can fail: its
headline rule catches a headline that is not the fastest state holding
enough of the group's baseline blocks, a missing headline and one that
differs between cells, and does not ask for visits in every cell; its
replicates.csv check catches an interval narrower, or without earlier runs
wider, than its replicates give. TAP output."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
sys.path.insert(0, os.path.join(here, "..", "benchmark"))
import check_results  # noqa: E402
from tap import check, finish  # noqa: E402

CELLS = [("tracepoint", "count"), ("kprobe", "count")]


def states(shares, visits, headline):
    """states.csv rows of two cells in one group: state k + 1 holds shares[k]
    of the group's baseline blocks and visits[c][k] visits of cell c; state
    `headline` the headline in both (0: none)."""
    return [{"hook": h, "payload": p, "mode": "enoent", "threads": "1", "state": str(k + 1),
             "share_of_run": f"{share:.4f}", "visits": str(visits[c][k]),
             "headline": "1" if k + 1 == headline else "0"}
            for c, (h, p) in enumerate(CELLS) for k, share in enumerate(shares)]


def verdicts(rows, visits=80):
    """The (passed, description) of each check check_headline_rule makes."""
    got = []
    saved = check_results.check
    check_results.check = lambda cond, desc: got.append((bool(cond), desc)) or cond
    try:
        check_results.check_headline_rule(rows, {(h, p, "enoent", "1") for h, p in CELLS}, visits)
    finally:
        check_results.check = saved
    return got


def passes(rows, visits=80):
    """Whether every check passes, for cells of `visits` visits (80: a 160-block run)."""
    return all(ok for ok, _ in verdicts(rows, visits))


check(passes(states([1.0], [[6], [6]], 1)), "one state, the headline: passes")
check(not passes(states([1.0], [[6], [6]], 0)), "one state, no headline: caught")
check(passes(states([0.5, 0.5], [[6, 6], [6, 6]], 1)), "two even states, the fast one the headline: passes")
check(not passes(states([0.5, 0.5], [[6, 6], [6, 6]], 2)),
      "two even states, the slower one the headline: caught")
check(passes(states([0.25, 0.75], [[6, 6], [2, 10]], 1)),
      "the fast state holds 25% of the blocks but 2 visits of the second cell: still the headline")
check(not passes(states([0.25, 0.75], [[6, 6], [2, 10]], 2)),
      "the slower state the headline because a cell has few visits in the fast one: caught")
check(not passes(states([12 / 96, 84 / 96], [[3, 21], [3, 21]], 2)),
      "96 blocks: a faster state with 12 of them (3 visits per cell) not the headline: caught")
check(passes(states([12 / 96, 84 / 96], [[3, 21], [3, 21]], 1)),
      "96 blocks: that state the headline: passes")
check(passes(states([9 / 96, 87 / 96], [[2, 22], [3, 21]], 2)),
      "96 blocks: a faster state with 9 of them (under 10%), the slower one the headline: passes")
check(not passes(states([9 / 96, 87 / 96], [[2, 22], [3, 21]], 1)),
      "96 blocks: the state with 9 of them the headline: caught")
check(passes(states([0.09996, 0.90004], [[3, 21], [3, 21]], 1)) and
      passes(states([0.09996, 0.90004], [[3, 21], [3, 21]], 2)),
      "a share printed as 0.1000 may be either side of 10%: either state passes")
check(passes(states([0.5, 0.5], [[6, 6], [6, 6]], 0), visits=12) and
      not passes(states([0.5, 0.5], [[6, 6], [6, 6]], 1), visits=12),
      "12 visits a cell: a state with half the blocks (6 visits) is short of 8: no headline, and one is caught")
check(passes(states([0.75, 0.25], [[9, 3], [9, 3]], 1), visits=12),
      "12 visits a cell: a state with 75% of the blocks is the headline")


def replicates_verdicts(half, earlier="0", flags=""):
    """check_replicates on one cell whose replicates are 100, 102, 98, 101, 99
    (s² 2.5, lag-1 -0.1) and whose printed interval is 100 +- half."""
    import tempfile
    row = {"hook": "tracepoint", "payload": "count", "mode": "enoent", "threads": "1",
           "status": "ok", "replicates": "5", "overhead_ns_per_event": "100.00",
           "between_run_low_ns": f"{100 - half:.2f}", "between_run_high_ns": f"{100 + half:.2f}",
           "earlier_runs": earlier, "flags": flags, "ratio_between_run_low": ""}
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("hook,payload,mode,threads,figure,replicate,estimate,unit\n")
        for i, e in enumerate([100, 102, 98, 101, 99]):
            f.write(f"tracepoint,count,enoent,1,overhead,{i + 1},{e},ns\n")
    got = []
    saved = check_results.check
    check_results.check = lambda cond, desc: got.append((bool(cond), desc)) or cond
    try:
        check_results.check_replicates(f.name, [row])
    finally:
        check_results.check = saved
        os.unlink(f.name)
    return all(ok for ok, _ in got)


RIGHT = 2.776445 * (2 * 2.5 / 5) ** 0.5  # t(4) · sqrt(2 · s²/K)
check(replicates_verdicts(RIGHT), f"replicates.csv: the within-run half-width {RIGHT:.2f}: passes")
check(not replicates_verdicts(RIGHT * 0.8), "replicates.csv: an interval 20% too narrow: caught")
check(not replicates_verdicts(RIGHT * 1.3), "replicates.csv: 30% too wide without earlier runs: caught")
check(replicates_verdicts(RIGHT * 1.3, earlier="4"),
      "replicates.csv: wider with 4 earlier runs: passes")
check(not replicates_verdicts(RIGHT * 0.8, earlier="4"),
      "replicates.csv: narrower than the within-run part with earlier runs: caught")
mixed = states([1.0], [[6], [6]], 1)
mixed[0]["headline"] = "0"
check(not passes(mixed), "a headline in one cell of the group and not in the other: caught")
check(check_results.ratio_interval_ok(0.7699, 0.7699, 0.77),
      "a ratio interval of half-width under 1e-4, one end printed as the ratio: passes")
check(check_results.ratio_interval_ok(0.75, 0.70, 0.80), "a centred ratio interval: passes")
check(not check_results.ratio_interval_ok(0.77, 0.77, 0.77), "a zero-width ratio interval: caught")
check(not check_results.ratio_interval_ok(0.75, 0.70, 0.85), "an off-centre ratio interval: caught")
check(not check_results.ratio_interval_ok(0.90, 0.70, 0.80), "a ratio outside its interval: caught")
sys.exit(finish())
