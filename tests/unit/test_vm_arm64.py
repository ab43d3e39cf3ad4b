#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Unit tests of the arm64 half of hookbench vm that need no QEMU and no
network: the private apt configuration stays under its own directory, the
aliases pick the newest arm64 -unsigned image, the meson cross file points
at the sysroot, and the runner tells arm64 kernels and programs apart and
boots them on -M virt with the virtio console for the transfer. TAP output."""
import argparse
import importlib.machinery
import importlib.util
import os
import re
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from tap import check, finish  # noqa: E402

SCRIPTS = os.path.join(HERE, "..", "..", "scripts")
sys.path.insert(0, SCRIPTS)
from hookbench_vm import arm64, kernels  # noqa: E402

loader = importlib.machinery.SourceFileLoader("hookbench_vm_runner", os.path.join(SCRIPTS, "hookbench-vm"))
spec = importlib.util.spec_from_loader("hookbench_vm_runner", loader)
vm = importlib.util.module_from_spec(spec)
loader.exec_module(vm)

# apt-cache search --names-only output for arm64, as the archive had it.
APT_NAMES = """linux-image-6.1.0-57-cloud-arm64 - Linux 6.1 for arm64 cloud (signed)
linux-image-6.1.0-57-cloud-arm64-unsigned - Linux 6.1 for arm64 cloud
linux-image-6.1.0-9-cloud-arm64-unsigned - Linux 6.1 for arm64 cloud
linux-image-6.1.0-57-cloud-arm64-dbg - Debug symbols for linux-image-6.1.0-57-cloud-arm64
linux-image-6.1.0-57-rt-arm64-unsigned - Linux 6.1 for 64-bit ARMv8 machines, PREEMPT_RT
linux-image-6.12.117+deb12-cloud-arm64-unsigned - Linux 6.12 for arm64 cloud
linux-image-6.12.99+deb12-cloud-arm64-unsigned - Linux 6.12 for arm64 cloud
linux-image-6.12.117+deb12-arm64-16k-unsigned - Linux 6.12 for 64-bit ARMv8 machines with 16k pages
linux-image-6.12.117+deb12-rt-arm64-unsigned - Linux 6.12 for 64-bit ARMv8 machines, PREEMPT_RT
linux-image-6.12.117+deb12-cloud-amd64-unsigned - Linux 6.12 for x86-64 cloud
"""


def test_private_apt():
    with tempfile.TemporaryDirectory() as d:
        apt = arm64.PrivateApt(os.path.join(d, "apt"))
        opts = dict(o.split("=", 1) for o in apt.options()[1::2])
        dirs = {k: v for k, v in opts.items() if k.startswith("Dir::")}
        check(all(v.startswith(apt.root) or v == "/dev/null" for v in dirs.values())
              and {"Dir::Etc::sourcelist", "Dir::Etc::sourceparts", "Dir::State::Lists",
                   "Dir::State::status", "Dir::Cache"} <= set(dirs),
              "every apt directory and list is the private one (sources.list.d: /dev/null)")
        check(opts.get("APT::Architecture") == "arm64" and opts.get("APT::Architectures") == "arm64",
              "the private configuration knows arm64 only")
        apt._prepare()
        with open(os.path.join(apt.root, "sources.list")) as f:
            lines = f.read().splitlines()
        check(lines and all(re.match(r"deb \[arch=arm64 signed-by=\S+\] http\S+ bookworm\S* main$", l)
                            for l in lines),
              f"its sources are arm64 bookworm suites, signed ({len(lines)} lines)")
        check(os.path.getsize(os.path.join(apt.root, "status")) == 0,
              "its dpkg status is empty: the host's installed packages do not leak in")


def test_aliases():
    names = [line.split(" ", 1)[0] for line in APT_NAMES.splitlines()]
    want = {"debian-6.1-cloud": ["linux-image-6.1.0-57-cloud-arm64-unsigned",
                                 "linux-image-6.1.0-9-cloud-arm64-unsigned"],
            "debian-6.12-cloud": ["linux-image-6.12.117+deb12-cloud-arm64-unsigned",
                                  "linux-image-6.12.99+deb12-cloud-arm64-unsigned"],
            "debian-6.12-rt": ["linux-image-6.12.117+deb12-rt-arm64-unsigned"]}
    check(all(kernels.is_alias(a) for a in arm64.ALIASES),
          "arm64.py's aliases are aliases of the kernels module too")
    for alias, pattern in arm64.ALIASES.items():
        got = arm64.newest([n for n in names if re.match(pattern, n)], pattern)
        check(got == want[alias], f"{alias}: the arm64 unsigned images, newest first ({got})")


def test_cross_file():
    real_which = arm64.shutil.which
    arm64.shutil.which = lambda name: "/usr/bin/" + name
    try:
        with tempfile.TemporaryDirectory() as d:
            path = arm64.cross_file(os.path.join(d, "cross.ini"), "/cache/arm64/sysroot")
            with open(path) as f:
                text = f.read()
    finally:
        arm64.shutil.which = real_which
    check("c = ['aarch64-linux-gnu-gcc', '--sysroot=/cache/arm64/sysroot']" in text,
          "the cross gcc is called with --sysroot at the sysroot")
    check("sys_root = '/cache/arm64/sysroot'" in text
          and "/cache/arm64/sysroot/usr/lib/aarch64-linux-gnu/pkgconfig" in text,
          "pkg-config reads the sysroot's .pc files, with the sysroot prefixed")
    check("cpu_family = 'aarch64'" in text and "system = 'linux'" in text,
          "the host machine is aarch64 Linux (meson derives -D__TARGET_ARCH_arm64 from it)")
    arm64.shutil.which = lambda name: None
    try:
        arm64.cross_file("/nonexistent/cross.ini", "/x")
        err = None
    except arm64.Arm64Error as e:
        err = str(e)
    finally:
        arm64.shutil.which = real_which
    check(err and "gcc-aarch64-linux-gnu" in err, f"no cross compiler: says which package ({err})")


def test_runner_arch():
    with tempfile.TemporaryDirectory() as d:
        x86 = bytearray(0x400)
        x86[0x202:0x206] = b"HdrS"
        image = bytearray(0x400)
        image[0x38:0x3C] = b"ARM\x64"
        paths = {}
        for name, data in (("vmlinuz-x86", x86), ("vmlinuz-arm64", image)):
            paths[name] = os.path.join(d, name)
            with open(paths[name], "wb") as f:
                f.write(data)
        check(vm.image_arch(paths["vmlinuz-x86"]) == "x86_64"
              and vm.image_arch(paths["vmlinuz-arm64"]) == "arm64",
              "the runner tells a bzImage from an arm64 Image")
        try:
            vm.resolve(paths["vmlinuz-arm64"], d, "x86_64")
            err = None
        except vm.VmError as e:
            err = str(e)
        check(err and "arm64 kernel" in err and "--arch is x86_64" in err,
              f"an arm64 image under --arch x86_64 is refused ({err})")
        k = vm.resolve(paths["vmlinuz-arm64"], d, "arm64")
        check(k.vmlinuz == paths["vmlinuz-arm64"], "and taken under --arch arm64")

        elf = os.path.join(d, "prog")
        with open(elf, "wb") as f:
            f.write(b"\x7fELF\x02\x01\x01" + b"\0" * 11 + struct.pack("<H", 183) + b"\0" * 44)
        check(vm.is_elf_for(elf, 183) and not vm.is_elf_for(elf, 62),
              "an aarch64 ELF is told from an x86-64 one")

        args = argparse.Namespace(arch="arm64", timing="icount", smp=2, memory=1024)
        real_which = vm.shutil.which
        vm.shutil.which = lambda name: "/usr/bin/" + name
        try:
            cmd = vm.qemu_command(args, k, "/tmp/initrd", "/tmp/xfer", "tcg")
        finally:
            vm.shutil.which = real_which
        line = " ".join(cmd)
        append = cmd[cmd.index("-append") + 1]
        check(cmd[0].endswith("qemu-system-aarch64") and "-M virt" in line and "-accel tcg" in line,
              "arm64 boots qemu-system-aarch64 -M virt under TCG")
        check("console=ttyAMA0" in append and "HB_XFER=/dev/hvc0" in append,
              f"console on the PL011, transfer named for the guest init ({append})")
        check("virtconsole,chardev=hbxfer" in line and "file,id=hbxfer,path=/tmp/xfer" in line
              and cmd.count("-serial") == 1,
              "the transfer is a virtio console written to the host's file; one serial port")
        check("-icount shift=0,sleep=off" in line and "-smp 1" in line,
              "icount timing as on x86: shift=0, one CPU")


def test_transfer_modules():
    import lzma
    mods = {"virtio_console": b"virtio_ring,virtio", "virtio_pci": b"virtio_pci_modern_dev,virtio,virtio_ring",
            "virtio_pci_modern_dev": b"", "virtio_ring": b"", "virtio": b""}
    with tempfile.TemporaryDirectory() as d:
        moddir = os.path.join(d, "lib", "modules", "6.1.0-57-cloud-arm64", "kernel", "drivers")
        os.makedirs(moddir)
        for name, deps in mods.items():
            data = b"\x7fELF...\0license=GPL\0depends=" + deps + b"\0name=" + name.encode() + b"\0"
            if name == "virtio":  # compressed as Debian's newer kernels ship them
                with lzma.open(os.path.join(moddir, name + ".ko.xz"), "wb") as f:
                    f.write(data)
            else:
                with open(os.path.join(moddir, name + ".ko"), "wb") as f:
                    f.write(data)
        got = arm64.transfer_modules(d, "6.1.0-57-cloud-arm64")
        names = [n for n, _ in got]
        check(sorted(names) == sorted(mods) and all(
            names.index(dep.decode()) < names.index(n) for n, deps in mods.items()
            for dep in deps.split(b",") if dep),
            f"the virtio console's modules come with their dependencies first ({names})")
        check(dict(got)["virtio"].startswith(b"\x7fELF"), "an .ko.xz is put in uncompressed")
        check(arm64.transfer_modules(d, "6.12.117+deb12-cloud-arm64") == [],
              "a kernel without those modules (built in) needs none")


test_private_apt()
test_aliases()
test_transfer_modules()
test_cross_file()
test_runner_arch()
sys.exit(finish())
