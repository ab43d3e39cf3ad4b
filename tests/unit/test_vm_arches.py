#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Unit tests of the VM runner's architecture table (scripts/hookbench_vm/
arches.py) and the package around it: every row has every field; the QEMU
command lines built from the rows are those the runner built before the
table (captured from it: x86_64 option for option, arm64 with -cpu after
-accel); each row's image, ELF machine and accelerators; every exception is
a VmError; and meson installs every module of the package. TAP output."""
import dataclasses
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "..", "..", "scripts")
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, SCRIPTS)
from tap import check, finish  # noqa: E402
from hookbench_vm import apt, cross, guest_modules, kernels, qemu  # noqa: E402
from hookbench_vm.arches import ARCHES, Arch, Cross, by_debian, image_arch  # noqa: E402
from hookbench_vm.errors import VmError  # noqa: E402
from hookbench_vm.plan import TIMING_NOTES, Options, Plan  # noqa: E402

COMMON = ("-nodefaults -no-reboot -display none -monitor none -m 1024 -smp {smp} "
          "-kernel /k/vmlinuz -initrd /w/initramfs.cpio.gz -append")
# The command lines of scripts/hookbench-vm before the table (commit 799d7b4),
# for --memory 1024 --smp 2, as "binary | append | the rest".
BEFORE = {
    ("x86_64", "kvm", "wall"): "qemu-system-x86_64 | console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init | "
                               "-serial stdio -serial file:/w/transfer.txt -accel kvm -cpu host",
    ("x86_64", "kvm", "icount"): "qemu-system-x86_64 | console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init | "
                                 "-serial stdio -serial file:/w/transfer.txt -accel kvm -cpu host "
                                 "-icount shift=0,sleep=off",
    ("x86_64", "tcg", "wall"): "qemu-system-x86_64 | console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init | "
                               "-serial stdio -serial file:/w/transfer.txt -accel tcg -cpu max",
    ("x86_64", "tcg", "icount"): "qemu-system-x86_64 | console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init | "
                                 "-serial stdio -serial file:/w/transfer.txt -accel tcg -cpu max "
                                 "-icount shift=0,sleep=off",
    ("arm64", "tcg", "wall"): "qemu-system-aarch64 | console=ttyAMA0 panic=-1 quiet loglevel=3 rdinit=/init "
                              "HB_XFER=/dev/hvc0 | -M virt -cpu neoverse-n1 -serial stdio -device "
                              "virtio-serial-pci -chardev file,id=hbxfer,path=/w/transfer.txt -device "
                              "virtconsole,chardev=hbxfer -accel tcg",
    ("arm64", "tcg", "icount"): "qemu-system-aarch64 | console=ttyAMA0 panic=-1 quiet loglevel=3 rdinit=/init "
                                "HB_XFER=/dev/hvc0 | -M virt -cpu neoverse-n1 -serial stdio -device "
                                "virtio-serial-pci -chardev file,id=hbxfer,path=/w/transfer.txt -device "
                                "virtconsole,chardev=hbxfer -accel tcg -icount shift=0,sleep=off",
}


def expected(key):
    binary, append, rest = BEFORE[key].split(" | ")
    smp = 1 if key[2] == "icount" else 2
    return ["/usr/bin/" + binary] + COMMON.format(smp=smp).split() + [append] + rest.split()


def pairs(cmd):
    """The options of a QEMU command line as (option, value) pairs, sorted by
    option with repeated ones in their order: what QEMU reads, whatever the
    order of different options."""
    out, i = [], 1
    while i < len(cmd):
        value = cmd[i + 1] if i + 1 < len(cmd) and not cmd[i + 1].startswith("-") else None
        out.append((cmd[i], value))
        i += 2 if value is not None else 1
    return [cmd[0]] + sorted(out, key=lambda p: p[0])


class FakeKernel:
    vmlinuz = "/k/vmlinuz"


def plan(arch, accel, timing):
    return Plan(arch=ARCHES[arch], accel=accel, timing=timing, memory=1024, smp=2, timeout=60,
                busybox=None, guest_script=None, guest_files=(), run_args=(), jobs=1,
                qemu_version=None, argv=())


def test_rows():
    fields = [f.name for f in dataclasses.fields(Arch)]
    for key, arch in ARCHES.items():
        missing = [f for f in fields if not hasattr(arch, f)]
        check(isinstance(arch, Arch) and not missing and arch.name == key,
              f"{key}: a row with every field ({', '.join(missing) or 'none missing'})")
        check(arch.debian and arch.qemu.startswith("qemu-system-") and arch.qemu_package
              and arch.console and isinstance(arch.elf_machine, int)
              and isinstance(arch.image_magic[0], int) and isinstance(arch.image_magic[1], bytes)
              and "tcg" in arch.cpus and all(a in ("kvm", "tcg") for a in arch.cpus)
              and any("{path}" in a for a in arch.transfer)
              and isinstance(arch.machine, tuple) and isinstance(arch.transfer_modules, tuple)
              and isinstance(arch.kernel_release_pins, dict),
              f"{key}: every field holds what the runner reads from it")
        check(arch.cross is None or (isinstance(arch.cross, Cross) and all(
            getattr(arch.cross, f.name) for f in dataclasses.fields(Cross))),
              f"{key}: built here, or cross-built with every field of a Cross")
        check(by_debian(arch.debian) is arch, f"{key}: found by its Debian name {arch.debian}")
    check(ARCHES["x86_64"].cross is None and ARCHES["arm64"].cross.triplet == "aarch64-linux-gnu",
          "x86_64's programs are the build's own, arm64's cross-built with aarch64-linux-gnu")
    check(by_debian("riscv64") is None, "an architecture without a row is none")


def test_command_lines():
    real = qemu.shutil.which
    qemu.shutil.which = lambda name: "/usr/bin/" + name
    os.environ.pop("HOOKBENCH_VM_APPEND", None)
    try:
        for key in BEFORE:
            cmd = qemu.command(plan(*key), FakeKernel, "/w/initramfs.cpio.gz", "/w/transfer.txt")
            if key[0] == "x86_64":
                check(cmd == expected(key), f"{' '.join(key)}: the command line of before, option for option")
            else:
                check(pairs(cmd) == pairs(expected(key)),
                      f"{' '.join(key)}: the options of before (-cpu after -accel now)")
            if cmd != expected(key) and key[0] == "x86_64":
                print("# got:  " + " ".join(cmd) + "\n# want: " + " ".join(expected(key)))
    finally:
        qemu.shutil.which = real
    check(pairs(["q", "-serial", "stdio", "-serial", "file:x"]) != pairs(["q", "-serial", "file:x", "-serial", "stdio"]),
          "the comparison keeps the order of a repeated option (the console is the first serial port)")


def test_arch_facts():
    with tempfile.TemporaryDirectory() as d:
        for key, arch in ARCHES.items():
            path = os.path.join(d, key)
            head = bytearray(0x400)
            offset, magic = arch.image_magic
            head[offset:offset + len(magic)] = magic
            with open(path, "wb") as f:
                f.write(head)
            check(image_arch(path) == key, f"{key}: its kernel image is told by its magic")
        with open(os.path.join(d, "none"), "wb") as f:
            f.write(b"\0" * 0x400)
        check(image_arch(os.path.join(d, "none")) is None, "a file of no row's format is no image")
    try:
        qemu.accelerator(ARCHES["arm64"], "kvm")
        err = None
    except VmError as e:
        err = str(e)
    check(err == "--accel kvm: arm64 guests run under TCG on this host",
          f"a row without a KVM CPU refuses --accel kvm ({err})")
    check(qemu.accelerator(ARCHES["arm64"], "auto") == "tcg" and
          qemu.accelerator(ARCHES["x86_64"], "tcg") == "tcg", "auto without KVM, and tcg asked, are TCG")
    opts = Options(arch=ARCHES["x86_64"], kernels=("k",), list_kernels=False, timing="icount",
                   accel="tcg", memory=1024, smp=2, timeout=60, cache=None, build_dir=None,
                   guest_script=None, guest_files=(), out=None, jobs=2, fetch_only=False,
                   build_programs=None, run_args=("--hooks", "kprobe"), argv=())
    p = Plan.of(opts, "tcg", None, 1, "QEMU 9")
    check(p.run_args == ("--hooks", "kprobe", "--timing-note", TIMING_NOTES[("tcg", "icount")], "--icount")
          and p.vcpus == 1 and dataclasses.replace(p, timing="wall").vcpus == 2,
          "the plan gives the guest its timing note and --icount, one vCPU under icount")
    try:
        p.accel = "kvm"
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    check(frozen, "a plan cannot be changed once made")


def test_package():
    for cls in (apt.AptError, kernels.KernelError, guest_modules.ModuleError, cross.CrossBuildError):
        check(issubclass(cls, VmError), f"{cls.__name__} is a VmError (the entry prints it)")
    with open(os.path.join(SCRIPTS, "hookbench_vm", "meson.build")) as f:
        listed = set(re.findall(r"'([\w]+\.py)'", f.read()))
    present = {n for n in os.listdir(os.path.join(SCRIPTS, "hookbench_vm")) if n.endswith(".py")}
    check(listed == present, f"meson installs every module of the package (missing: "
          f"{sorted(present - listed)}, extra: {sorted(listed - present)})")


test_rows()
test_command_lines()
test_arch_facts()
test_package()
sys.exit(finish())
