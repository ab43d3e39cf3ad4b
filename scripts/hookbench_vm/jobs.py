# SPDX-License-Identifier: GPL-2.0-only
"""Several guests at once: slots pinned to host CPUs, every QEMU tracked so an
interrupted or broken run leaves none behind, and results in the order given.

Each slot is a thread that takes the next item from a queue and runs it on
the slot's CPUs; the QEMU processes (not the Python threads) are what is
pinned, with taskset(1) in front of the command, so the affinity holds from
the first instruction and for every thread QEMU starts.
"""

import os
import queue
import shutil
import subprocess
import sys
import threading
import time

_print_lock = threading.Lock()
_children_lock = threading.Lock()
_children = set()
_stopping = threading.Event()


def emit(line):
    """One whole line on stderr, never interleaved with another guest's."""
    with _print_lock:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def say(msg):
    """A line of the runner's own, "hookbench vm: MSG", whole (emit)."""
    emit(f"hookbench vm: {msg}")


def usable_cpus():
    """The host CPUs this process may run on, in order."""
    return sorted(os.sched_getaffinity(0))


def default_jobs():
    return len(usable_cpus())


def plan_slots(jobs, cpus):
    """CPU sets for `jobs` guests running at once. With enough CPUs each slot
    gets its own share (all of them for one slot); with more jobs than CPUs
    the slots take the CPUs in turn, one each, and share them."""
    if jobs <= len(cpus):
        per = len(cpus) // jobs
        return [cpus[i * per:(i + 1) * per] if i < jobs - 1 else cpus[i * per:] for i in range(jobs)]
    return [[cpus[i % len(cpus)]] for i in range(jobs)]


def describe_plan(slots, cpus, vcpus):
    """Lines saying how the guests are placed, when there is something to say."""
    lines = []
    if len(slots) > len(cpus):
        lines.append(f"{len(slots)} guests at once on {len(cpus)} CPUs: guests share CPUs "
                     f"(slot i runs on CPU number i mod {len(cpus)}), so they run no faster "
                     f"than {len(cpus)} at once and their wall timings disturb each other")
    elif len(slots) > 1 and any(len(s) < vcpus for s in slots):
        lines.append(f"{len(slots)} guests at once: each gets {min(len(s) for s in slots)} host "
                     f"CPU(s) for its {vcpus} vCPUs")
    return lines


class Interrupted(Exception):
    """A guest asked to start after the run was told to stop."""


def spawn(cmd, cpus=None, **popen_args):
    """Start cmd (pinned to cpus when given) and track it until reap()."""
    if cpus is not None:
        taskset = shutil.which("taskset")
        if taskset:
            cmd = [taskset, "--cpu-list", ",".join(str(c) for c in cpus)] + list(cmd)
        else:
            say("taskset (util-linux) is missing: guests run unpinned")
    with _children_lock:
        if _stopping.is_set():
            raise Interrupted("the run is stopping: no new guest starts")
        proc = subprocess.Popen(cmd, **popen_args)
        _children.add(proc)
    return proc


def reap(proc):
    """Kill proc if it still runs, wait for it, forget it."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    with _children_lock:
        _children.discard(proc)


def kill_all():
    """Stop every tracked child and refuse new ones."""
    with _children_lock:
        _stopping.set()
        procs = list(_children)
    for proc in procs:
        if proc.poll() is None:
            proc.kill()


def running():
    """The tracked children (for tests)."""
    with _children_lock:
        return list(_children)


def reset():
    """Allow new children again after kill_all() (for tests: a real run stops
    once and exits)."""
    _stopping.clear()


def run(items, worker, jobs, cpus, expected=(Exception,), vcpus=1, note=emit):
    """worker(item, cpus) for every item, at most `jobs` at once, each slot on
    its own CPUs (plan_slots; None when one slot runs everything, unpinned as
    a sequential run); note() gets describe_plan's lines. Returns, in the
    items' order, (result, None) or (None, exception) where the worker raised
    one of `expected`: those are one guest's failure and the others go on. Anything else (a bug, an
    OSError, KeyboardInterrupt from a signal in the main thread) kills every
    guest, waits for the slots to unwind (their temporary files go), and is
    raised again."""
    items = list(items)
    slots = plan_slots(max(1, min(jobs, len(items))), cpus)
    for line in describe_plan(slots, cpus, vcpus):
        note(line)
    if len(slots) == 1:
        slots = [None]
    todo = queue.Queue()
    for index, item in enumerate(items):
        todo.put((index, item))
    outcomes = [None] * len(items)
    fatal = []
    began, ended = [], []  # one entry per slot thread that has begun / returned

    def slot(slot_cpus):
        began.append(slot_cpus)
        try:
            while not fatal and not _stopping.is_set():
                try:
                    index, item = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcomes[index] = (worker(item, slot_cpus), None)
                except expected as e:
                    outcomes[index] = (None, e)
                except BaseException as e:  # noqa: B036 - handed to the main thread
                    fatal.append(e)
                    kill_all()
                    return
        finally:
            ended.append(slot_cpus)

    # The main thread waits in time.sleep(), not Thread.join(): a signal's
    # KeyboardInterrupt breaking a join can leave that thread looking ended
    # while it still runs (and still has its QEMU and temporary files).
    # A slot that begins after kill_all() finds the run stopping and returns.
    try:
        for i, slot_cpus in enumerate(slots):
            threading.Thread(target=slot, args=(slot_cpus,), name=f"guest-slot-{i}", daemon=True).start()
        while len(ended) < len(slots):
            time.sleep(0.1)
    except BaseException:
        kill_all()
        _wait_ended(began, ended)
        raise
    if fatal:
        raise fatal[0]
    return outcomes


def _wait_ended(began, ended):
    """Wait for the slots after kill_all(); a further signal kills again."""
    while len(ended) < len(began):
        try:
            time.sleep(0.1)
        except BaseException:
            kill_all()
