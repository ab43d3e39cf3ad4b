#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""hookbench vm --jobs: the scheduler (scripts/hookbench_vm/jobs.py) with
injected workers, then the runner itself with fake-qemu.py in place of QEMU:
at most N guests at once, each pinned to its own CPUs, the combined output
of --jobs 2 the same as --jobs 1, one failing guest recorded while the
others finish, and SIGTERM/SIGINT leaving no QEMU and no temporary files.
No QEMU, no root. TAP output."""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

TESTS = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(TESTS, "..", "..", "scripts")
sys.path.insert(0, os.path.join(TESTS, ".."))
sys.path.insert(0, SCRIPTS)
from tap import check, finish  # noqa: E402
from hookbench_vm import jobs  # noqa: E402

RUNNER = os.path.join(SCRIPTS, "hookbench-vm")
CPUS = jobs.usable_cpus()


def alive(pid):
    """True while pid runs (a zombie waiting for its parent does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


# ---------------------------------------------------------------- scheduler

def test_plan():
    check(jobs.plan_slots(1, [0, 1, 2, 3]) == [[0, 1, 2, 3]], "one slot gets every CPU")
    check(jobs.plan_slots(2, [0, 1]) == [[0], [1]], "two slots on two CPUs: one CPU each")
    check(jobs.plan_slots(2, [0, 1, 2, 3, 4]) == [[0, 1], [2, 3, 4]],
          "two slots on five CPUs: disjoint shares, the last takes the rest")
    check(jobs.plan_slots(3, [4, 6]) == [[4], [6], [4]], "more slots than CPUs: the CPUs in turn")
    lines = jobs.describe_plan(jobs.plan_slots(3, [4, 6]), [4, 6], 1)
    check(len(lines) == 1 and "share CPUs" in lines[0], f"and that is said: {lines}")
    check(jobs.describe_plan(jobs.plan_slots(2, [0, 1, 2, 3]), [0, 1, 2, 3], 2) == [],
          "nothing to say when every guest has a CPU per vCPU")
    lines = jobs.describe_plan(jobs.plan_slots(2, [0, 1]), [0, 1], 2)
    check(lines and "1 host CPU(s) for its 2 vCPUs" in lines[0], f"fewer CPUs than vCPUs is said: {lines}")


def concurrency(n, items):
    """Run items with workers that wait for each other; return (outcomes, max at once, slot CPUs)."""
    lock, state = threading.Lock(), {"now": 0, "max": 0, "cpus": set()}

    def worker(item, cpus):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
            state["cpus"].add(tuple(cpus) if cpus else None)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and state["now"] < n and state["max"] < n:
            time.sleep(0.01)
        time.sleep(0.01 * (len(items) - item))  # later items finish first
        with lock:
            state["now"] -= 1
        return item * 10

    outcomes = jobs.run(items, worker, n, CPUS, note=lambda _: None)
    return outcomes, state["max"], state["cpus"]


def test_scheduler():
    for n in (1, 2, 3):
        outcomes, most, cpus = concurrency(n, list(range(7)))
        check(most == n, f"--jobs {n}: {most} workers ran at once, never more than {n}")
        check(outcomes == [(i * 10, None) for i in range(7)],
              f"--jobs {n}: results in the items' order although later items finished first")
        if n == 1:
            check(cpus == {None}, "one slot: the worker is not pinned (as a sequential run)")
        else:
            check(cpus == {tuple(s) for s in jobs.plan_slots(n, CPUS)},
                  f"--jobs {n}: each slot's worker got its CPUs {sorted(cpus)}")

    def some_fail(item, _cpus):
        if item == 1:
            raise ValueError("guest 1 broke")
        return item

    outcomes = jobs.run(range(4), some_fail, 2, CPUS, expected=(ValueError,), note=lambda _: None)
    check([o[0] for o in outcomes] == [0, None, 2, 3] and str(outcomes[1][1]) == "guest 1 broke",
          "an expected failure is that item's outcome; the other items still run")

    started = threading.Event()
    pids = []

    def one_breaks(item, cpus):
        if item == 0:
            proc = jobs.spawn(["sleep", "60"], cpus)
            pids.append(proc.pid)
            started.set()
            try:
                proc.wait()
            finally:
                jobs.reap(proc)
            raise ValueError("sleep was killed")
        started.wait(10)
        raise RuntimeError("a bug in the runner")

    raised = None
    try:
        jobs.run(range(3), one_breaks, 2, CPUS, expected=(ValueError,), note=lambda _: None)
    except RuntimeError as e:
        raised = e
    check(raised is not None and str(raised) == "a bug in the runner",
          f"an unexpected error is raised from run(): {raised!r}")
    check(pids and not alive(pids[0]) and not jobs.running(),
          "and the other slot's child was killed and reaped")
    try:
        jobs.spawn(["true"])
        check(False, "after a stop no child starts")
    except jobs.Interrupted:
        check(True, "after a stop no child starts")
    jobs.reset()

    cpu = CPUS[-1]
    proc = jobs.spawn(["sh", "-c", "grep Cpus_allowed_list /proc/self/status"], [cpu],
                      stdout=subprocess.PIPE, text=True)
    out = proc.communicate()[0]
    jobs.reap(proc)
    check(out.split()[-1] == str(cpu), f"a spawned child runs pinned to CPU {cpu}: {out.strip()}")


# ---------------------------------------------------------------- runner, fake QEMU

def fake_kernel(path, label):
    """A file with an x86 bzImage header (what hookbench vm checks) and a release."""
    head = bytearray(0x400)
    head[0x1FE:0x200] = b"\x55\xaa"
    head[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", head, 0x20E, 0x100)
    release = f"6.99.0-{label} (fake)".encode() + b"\0"
    head[0x300:0x300 + len(release)] = release
    with open(path, "wb") as f:
        f.write(head)


class Fake:
    def __init__(self, root):
        self.root = root
        self.bin = os.path.join(root, "bin")
        self.build = os.path.join(root, "build")
        self.tmp = os.path.join(root, "tmp")
        os.makedirs(self.bin)
        os.makedirs(self.tmp)
        shutil.copy(os.path.join(TESTS, "fake-qemu.py"), os.path.join(self.bin, "qemu-system-x86_64"))
        os.chmod(os.path.join(self.bin, "qemu-system-x86_64"), 0o755)
        # Placeholders of the static guest programs (the fake guest runs none).
        for rel in ("bench/hookbench-static", "loaders/tp-loader-static",
                    "loaders/kprobe-loader-static", "workloads/unlink-storm-static"):
            os.makedirs(os.path.dirname(os.path.join(self.build, rel)), exist_ok=True)
            with open(os.path.join(self.build, rel), "wb") as f:
                f.write(b"\x7fELF placeholder")

    def kernels(self, labels):
        paths = []
        for label in labels:
            path = os.path.join(self.root, f"vmlinuz-{label}")
            if not os.path.exists(path):
                fake_kernel(path, label)
            paths.append(path)
        return ",".join(paths)

    def start(self, name, labels, extra, want=1):
        state = os.path.join(self.root, f"state-{name}")
        env = dict(os.environ, PATH=self.bin + os.pathsep + os.environ["PATH"], FAKE_DIR=state,
                   FAKE_WANT=str(want), FAKE_TOTAL=str(len(labels)), TMPDIR=self.tmp)
        out = os.path.join(self.root, f"out-{name}")
        cmd = [sys.executable, RUNNER, "--kernel", self.kernels(labels), "--build-dir", self.build,
               "--accel", "tcg", "--out", out] + extra
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return proc, out, state

    def run(self, name, labels, extra, want=1):
        proc, out, state = self.start(name, labels, extra, want)
        stdout, stderr = proc.communicate(timeout=120)
        return proc.returncode, out, state, stdout, stderr


def started(state):
    """{label: (pid, cpus, guests at once)} of the fake guests that started."""
    d = os.path.join(state, "started")
    got = {}
    for label in os.listdir(d) if os.path.isdir(d) else []:
        with open(os.path.join(d, label)) as f:
            pid, cpus, at_once = f.read().split()
        got[label] = (int(pid), cpus, int(at_once))
    return got


def tree(root):
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, _, names in os.walk(root) for n in names)


def keys(value):
    if isinstance(value, dict):
        return {k: keys(v) for k, v in value.items()}
    return type(value).__name__


def label(name):
    """The runner's label of a kernel given as a path: the file's name."""
    return f"vmlinuz-{name}"


def test_runner(fake):
    labels = ["c", "a", "b"]
    results = {}
    for n in (1, 2):
        rc, out, state, stdout, stderr = fake.run(f"jobs{n}", labels, ["--jobs", str(n)], want=n)
        results[n] = out
        check(rc == 0 and stdout.strip() == f"results: {out}", f"--jobs {n}: exit 0 (got {rc})")
        if rc:
            print("# " + stderr.replace("\n", "\n# "))
        seen = started(state)
        most = max((s[2] for s in seen.values()), default=0)
        check(sorted(seen) == sorted(labels) and most == n,
              f"--jobs {n}: every guest ran, at most {n} at once ({most} seen)")
        if n == 2 and len(CPUS) >= 2:
            slots = {",".join(map(str, s)) for s in jobs.plan_slots(2, CPUS)}
            got = {s[1] for s in seen.values()}
            check(got == slots, f"--jobs 2: each QEMU pinned to its slot's CPUs {sorted(got)}")
        lines = stderr.splitlines()
        check(all(line.startswith("hookbench vm: ") or line.startswith("[") for line in lines),
              f"--jobs {n}: every progress line is whole")
        check(all(any(line.startswith(f"[{label(k)}] hookbench: {k} ") for line in lines) for k in labels) and
              all(any(line.startswith(f"hookbench vm: {label(k)}: booting") for line in lines)
                  for k in labels),
              f"--jobs {n}: each guest's lines carry its kernel label")
        check(not os.listdir(fake.tmp), f"--jobs {n}: no temporary files left")
    one, two = results[1], results[2]
    check(tree(one) == tree(two) and tree(one), f"--jobs 2 writes the files --jobs 1 writes: {tree(two)}")
    with open(os.path.join(one, "summary.csv")) as f1, open(os.path.join(two, "summary.csv")) as f2:
        s1, s2 = f1.read(), f2.read()
    check(s1 == s2 and [r.split(",")[-1] for r in s2.split()[1:]] == ["c", "c", "a", "a", "b", "b"],
          "the combined summary.csv is the same, rows in the --kernel order")
    with open(os.path.join(two, "summary.json")) as f:
        kernels = [r["kernel"] for r in json.load(f)["rows"]]
    check(kernels == ["c", "c", "a", "a", "b", "b"], f"and summary.json's rows in that order: {kernels}")
    same_meta = True
    for k in labels:
        with open(os.path.join(one, label(k), "meta.json")) as f1, \
                open(os.path.join(two, label(k), "meta.json")) as f2:
            m1, m2 = json.load(f1), json.load(f2)
        same_meta &= keys(m1) == keys(m2)
        same_meta &= m1["vm"]["jobs"] == 1 and m2["vm"]["jobs"] == 2
    check(same_meta, "every meta.json has the same fields; vm.jobs says how many ran at once")

    rc, out, state, _, stderr = fake.run("fail", ["a", "fail", "b"], ["--jobs", "2"], want=2)
    partial = out + ".partial"
    check(rc == 1 and f"{label('fail')} failed" in stderr, f"a failing guest makes the run fail (exit {rc})")
    check(os.path.isfile(os.path.join(partial, label("fail") + ".error")) and
          os.path.isfile(os.path.join(partial, label("a"), "summary.csv")) and
          os.path.isfile(os.path.join(partial, label("b"), "summary.csv")),
          "its error is in fail.error and the others' results are kept")
    with open(os.path.join(partial, "summary.csv")) as f:
        rows = [r.split(",")[-1] for r in f.read().split()[1:]]
    check(rows == ["a", "a", "b", "b"], f"the combined summary has the others' rows in order: {rows}")
    check(not any(alive(s[0]) for s in started(state).values()), "no fake QEMU is left running")

    if len(CPUS) < 8:
        n = len(CPUS) + 1
        rc, _, state, _, stderr = fake.run("over", [f"k{i}" for i in range(n)], ["--jobs", str(n)])
        check(rc == 0 and "share CPUs" in stderr,
              f"--jobs {n} on {len(CPUS)} CPUs runs and says the guests share CPUs")

    for sig in (signal.SIGTERM, signal.SIGINT):
        name = sig.name
        proc, out, state = fake.start(name, ["hang1", "hang2", "never"], ["--jobs", "2"])
        deadline = time.monotonic() + 60
        while len(started(state)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        before = started(state)
        proc.send_signal(sig)
        try:
            _, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, stderr = proc.communicate()
        check(len(before) == 2 and proc.returncode == 130 and "interrupted" in stderr,
              f"{name} while two guests run: exit 130 (got {proc.returncode}), 'interrupted'")
        check(not any(alive(s[0]) for s in before.values()), f"{name}: both QEMUs are gone")
        check("never" not in started(state), f"{name}: the queued guest never starts")
        check(not os.listdir(fake.tmp), f"{name}: no temporary files left {os.listdir(fake.tmp)}")

    rc = subprocess.run([sys.executable, RUNNER, "--kernel", "x", "--jobs", "0"],
                        capture_output=True, text=True)
    check(rc.returncode == 2 and "--jobs >= 1" in rc.stderr, "--jobs 0 is a usage error")


def main():
    test_plan()
    test_scheduler()
    if not shutil.which("busybox"):
        print("# busybox-static missing: the runner tests need it for the initramfs")
        return finish()
    with tempfile.TemporaryDirectory() as root:
        test_runner(Fake(root))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
