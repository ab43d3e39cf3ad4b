# SPDX-License-Identifier: GPL-2.0-only
"""QEMU: which accelerator, the command line of a guest (from its
architecture's row in arches.py), and one guest's run: its console streamed
as progress lines (in host seconds), its end or panic told apart, a timeout
enforced."""

import collections
import os
import re
import select
import shutil
import subprocess
import time

from . import jobs
from .errors import VmError
from .jobs import say

CONSOLE_TAIL = 20  # console lines kept to show with a failure
# The tail of hookbench run's progress line (bench/engine/measure.c).
PROGRESS = re.compile(r"(\d+) s elapsed, ~(\d+) s left")


def kvm_usable():
    """/dev/kvm opens and the CPU shows VMX or SVM (a /dev/kvm without them fails at run time)."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((l for l in f if l.startswith("flags")), "").split()
    except OSError:
        return False
    return "vmx" in flags or "svm" in flags


def accelerator(arch, wanted):
    """The accelerator ARCH's guests run under for --accel WANTED: KVM when
    asked, or (auto) when usable and the row has a CPU for it; else TCG."""
    if "kvm" not in arch.cpus:
        if wanted == "kvm":
            raise VmError(f"--accel kvm: {arch.name} guests run under TCG on this host")
        return "tcg"
    accel = "kvm" if wanted == "kvm" or (wanted == "auto" and kvm_usable()) else "tcg"
    if wanted == "kvm" and not kvm_usable():
        raise VmError("--accel kvm: /dev/kvm is not usable here")
    return accel


def binary(arch):
    """The path of ARCH's system emulator."""
    qemu = shutil.which(arch.qemu)
    if not qemu:
        raise VmError(f"{arch.qemu} is missing (apt-get install {arch.qemu_package})")
    return qemu


def version(qemu):
    """The first line of `qemu --version` (meta.json's vm.qemu)."""
    return subprocess.run([qemu, "--version"], capture_output=True, text=True).stdout.split("\n")[0]


def command(plan, kernel, initramfs, data_path):
    """The QEMU command line of one guest: the serial console on stdio, the
    transfer channel written to DATA_PATH."""
    arch = plan.arch
    xfer = f" HB_XFER={arch.transfer_device}" if arch.transfer_device else ""
    cmd = [binary(arch), "-nodefaults", "-no-reboot", "-display", "none", "-monitor", "none",
           "-m", str(plan.memory), "-smp", str(plan.vcpus),
           "-kernel", kernel.vmlinuz, "-initrd", initramfs,
           "-append", " ".join([f"console={arch.console} panic=-1 quiet loglevel=3 rdinit=/init{xfer}",
                                os.environ.get("HOOKBENCH_VM_APPEND", "")]).strip()]
    cmd += list(arch.machine)
    cmd += ["-serial", "stdio"] + [a.format(path=data_path) for a in arch.transfer]
    cmd += ["-accel", plan.accel, "-cpu", arch.cpus[plan.accel]]
    if plan.timing == "icount":
        cmd += ["-icount", "shift=0,sleep=off"]
    return cmd


def host_progress(line, host_s):
    """LINE, a guest's progress line, counting host seconds: the guest's clock
    is virtual under -icount (one ns per instruction, far from the host's), so
    its "N s elapsed" becomes HOST_S (the host's seconds since the guest's
    userspace started), and "~M s left" is scaled by the same rate."""
    m = PROGRESS.search(line)
    if not m:
        return line
    guest_elapsed, guest_left = int(m.group(1)), int(m.group(2))
    left = guest_left * host_s / guest_elapsed if guest_elapsed else 0
    return f"{line[:m.start()]}{host_s:.0f} s elapsed, ~{left:.0f} s left (host clock){line[m.end():]}"


def run_guest(cmd, timeout, label, cpus=None):
    """Run QEMU (pinned to cpus when given); stream the guest's progress lines;
    return (marks, console tail): marks are the seconds to userspace
    (userspace_s), to the guest's end (done_s) and in all (wall_s)."""
    tail = collections.deque(maxlen=CONSOLE_TAIL)
    started = time.monotonic()
    marks = {}
    proc = jobs.spawn(cmd, cpus, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT)
    pending = b""
    try:
        while True:
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                raise VmError(f"{label}: the guest did not finish within {timeout} s", list(tail))
            ready, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            pending += chunk
            *lines, pending = re.split(rb"\r?\n|\r", pending)
            for raw in lines:
                line = raw.decode(errors="replace").rstrip()
                if not line:
                    continue
                tail.append(line)
                if line.startswith("HB-GUEST-START"):
                    marks["userspace_s"] = time.monotonic() - started
                    say(f"{label}: booted ({line.split(' ', 1)[1]})")
                elif line.startswith("HB-GUEST-DONE"):
                    marks["done_s"] = time.monotonic() - started
                elif line.startswith("hookbench") or line.startswith("guest:"):
                    since = time.monotonic() - started - marks.get("userspace_s", 0)
                    jobs.emit(f"[{label}] {host_progress(line, since)}")
                if "Kernel panic" in line:
                    marks["panic"] = True
        proc.wait(timeout=30)
    finally:
        jobs.reap(proc)
    if marks.get("panic") or "done_s" not in marks:
        what = "panicked" if marks.get("panic") else "stopped before finishing"
        raise VmError(f"{label}: the guest {what} (QEMU exit status {proc.returncode})", list(tail))
    marks["wall_s"] = time.monotonic() - started
    return marks, list(tail)
