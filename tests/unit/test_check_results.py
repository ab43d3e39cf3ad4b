#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The benchmark checker's headline rule (tests/benchmark/check_results.py)
can fail: in a 12-block run it catches a headline that is not the fastest
eligible state, a headline with too few visits, and a missing headline. TAP
output."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
sys.path.insert(0, os.path.join(here, "..", "benchmark"))
import check_results  # noqa: E402
from tap import check, finish  # noqa: E402

CELLS = [("tracepoint", "count"), ("kprobe", "count")]


def states(pairs, headline):
    """states.csv rows of two cells in one group: pairs[k] pairs of each cell
    in state k + 1, shares from them, state `headline` the headline (0: none)."""
    total = sum(pairs)
    return [{"hook": h, "payload": p, "mode": "enoent", "threads": "1", "state": str(k + 1),
             "share_of_run": f"{n / total:.4f}", "pairs": str(n),
             "headline": "1" if k + 1 == headline else "0"}
            for h, p in CELLS for k, n in enumerate(pairs)]


def verdicts(rows):
    """The (passed, description) of each check check_headline_rule makes; each
    cell ran as many blocks as it has pairs."""
    blocks = sum(int(r["pairs"]) for r in rows if r["hook"] == CELLS[0][0])
    got = []
    saved = check_results.check
    check_results.check = lambda cond, desc: got.append((bool(cond), desc)) or cond
    try:
        check_results.check_headline_rule(rows, {(h, p, "enoent", "1"): blocks for h, p in CELLS})
    finally:
        check_results.check = saved
    return got


def passes(rows):
    return all(ok for ok, _ in verdicts(rows))


check(check_results.HEADLINE_VISITS == 6, "a state needs 6 visits per cell, hb_median_ci_min_n(0.95)")
check(passes(states([12, 0], 1)), "12 blocks: every pair in state 1, state 1 the headline: passes")
check(not passes(states([12, 0], 2)),
      "every pair in state 1 (6 visits in each cell, 100% of the run), state 2 the headline: caught")
check(not passes(states([12, 0], 0)), "state 1 surely eligible, no headline: caught")
check(not passes(states([2, 10], 1)),
      "state 1 the headline with 2 pairs (at most 2 visits) per cell: caught")
check(passes(states([2, 10], 0)) and passes(states([2, 10], 2)),
      "state 1 with 2 pairs per cell: none or the slower state 2 may be the headline")
check(not passes(states([18, 6], 2)),
      "24 blocks: state 1 with 18 pairs (6 visits or more) per cell, the slower state 2 the headline: caught")
check(passes(states([18, 6], 1)), "24 blocks: state 1 the headline there: passes")
mixed = states([12, 0], 1)
mixed[0]["headline"] = "0"
check(not passes(mixed), "a headline in one cell of the group and not in the other: caught")
sys.exit(finish())
