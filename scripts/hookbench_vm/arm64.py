# SPDX-License-Identifier: GPL-2.0-only
"""arm64 guests: the sysroot of static arm64 libraries, busybox, and the
cross build of the guest programs.

arm64 packages come through hookbench's private apt configuration for arm64
(apt.py), the one arm64 kernels come through too; busybox and the sysroot
are unpacked under CACHE/arm64/ (CACHE is hookbench vm's kernel cache). The
guest programs are cross-built by a second meson build directory, configured
with a cross file that points gcc-aarch64-linux-gnu at that sysroot; its
vmlinux.h comes from the BTF of a booted arm64 guest.
"""

import os
import re
import shutil
import subprocess
import tempfile

from . import guest_modules
from .apt import Apt, host_release, say

ARCH = "arm64"
# The -dev packages whose static libraries and headers the guest programs link.
SYSROOT_PACKAGES = ["libbpf-dev", "libelf-dev", "zlib1g-dev", "libzstd-dev", "libjson-c-dev"]
CROSS_PREFIX = "aarch64-linux-gnu-"
# The static guest programs a cross build makes (meson target = file path).
GUEST_TARGETS = ["bench/hookbench-static", "loaders/tp-loader-static",
                 "loaders/kprobe-loader-static", "workloads/unlink-storm-static"]


class Arm64Error(Exception):
    """A failure with a one-line message for the user."""


def arm64_dir(cache):
    return os.path.join(cache, ARCH)


def busybox(cache):
    """The path of an arm64 busybox-static binary (the machine's release's)."""
    d = Apt(cache, ARCH).unpack_once("busybox-static", os.path.join(arm64_dir(cache), "busybox-static"),
                                     host_release())
    return os.path.join(d, "bin", "busybox")


def sysroot(cache):
    """A directory holding the arm64 -dev packages' headers and static
    libraries (usr/include, usr/lib/aarch64-linux-gnu), unpacked once. They
    are the machine's release's, as the cross toolchain and its C library are."""
    root = os.path.join(arm64_dir(cache), "sysroot")
    done = os.path.join(root, ".hookbench-complete")
    if os.path.exists(done):
        return root
    apt = Apt(cache, ARCH)
    release = host_release()
    os.makedirs(root, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=arm64_dir(cache)) as tmp:
        os.chmod(tmp, 0o755)
        for name in SYSROOT_PACKAGES:
            say(f"sysroot: {name} ({apt.arch}, {release})")
            subprocess.run(["dpkg-deb", "-x", apt.download(name, tmp, release), root], check=True)
    # The cross gcc finds its C library beside itself; with --sysroot it
    # looks for the rest under the sysroot.
    with open(done, "w") as f:
        f.write(" ".join(SYSROOT_PACKAGES) + "\n")
    return root


def cross_file(path, root):
    """Write a meson cross file for aarch64 against sysroot ROOT."""
    for tool in ("gcc", "ar", "strip"):
        if not shutil.which(CROSS_PREFIX + tool):
            raise Arm64Error(f"{CROSS_PREFIX}{tool} is missing "
                             f"(apt-get install gcc-aarch64-linux-gnu)")
    pc = [os.path.join(root, "usr/lib/aarch64-linux-gnu/pkgconfig"),
          os.path.join(root, "usr/share/pkgconfig")]
    text = (
        "# Written by hookbench vm --arch arm64: static arm64 guest programs.\n"
        "[binaries]\n"
        f"c = ['{CROSS_PREFIX}gcc', '--sysroot={root}']\n"
        f"ar = '{CROSS_PREFIX}ar'\n"
        f"strip = '{CROSS_PREFIX}strip'\n"
        "pkgconfig = 'pkg-config'\n"  # the key meson < 1.3 reads
        "[properties]\n"
        f"sys_root = '{root}'\n"
        f"pkg_config_libdir = {pc!r}\n"
        "[host_machine]\n"
        "system = 'linux'\n"
        "cpu_family = 'aarch64'\n"
        "cpu = 'aarch64'\n"
        "endian = 'little'\n")
    with open(path, "w") as f:
        f.write(text)
    return path


def source_root_of(build_dir):
    """The source tree a meson build directory was configured from."""
    import json
    info = os.path.join(build_dir, "meson-info", "meson-info.json")
    try:
        with open(info) as f:
            return json.load(f)["directories"]["source"]
    except (OSError, KeyError, ValueError):
        return None


def guest_build(build_dir, source, btf, cache, say):
    """Configure (once) and build the static arm64 guest programs in
    BUILD_DIR from SOURCE, with a vmlinux.h generated from the file btf()
    returns (an arm64 kernel's /sys/kernel/btf/vmlinux), called only to
    configure. Programs read the kernel through CO-RE, so one arm64
    kernel's BTF serves the others."""
    meson, ninja = shutil.which("meson"), shutil.which("ninja")
    if not meson or not ninja:
        raise Arm64Error("meson and ninja are needed to cross-build the arm64 guest programs")
    if not os.path.isfile(os.path.join(build_dir, "build.ninja")):
        root = sysroot(cache)
        cross = cross_file(os.path.join(arm64_dir(cache), "aarch64-linux-gnu.ini"), root)
        say(f"configuring the arm64 cross build in {build_dir}")
        r = subprocess.run([meson, "setup", "--cross-file", cross, "-Dguest_binaries=enabled",
                            f"-Dbtf={btf()}", "-Dman=disabled", build_dir, source],
                           capture_output=True, text=True)
        if r.returncode:
            tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
            shutil.rmtree(build_dir, ignore_errors=True)
            raise Arm64Error("meson setup of the arm64 cross build failed: " + " / ".join(tail))
    say(f"building the arm64 guest programs in {build_dir}")
    r = subprocess.run([ninja, "-C", build_dir, *GUEST_TARGETS], capture_output=True, text=True)
    if r.returncode:
        tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
        raise Arm64Error("the arm64 cross build failed: " + " / ".join(tail))
    return {os.path.basename(t).replace("-static", ""): os.path.join(build_dir, t)
            for t in GUEST_TARGETS}


def btf_path(cache, release):
    return os.path.join(arm64_dir(cache), "btf", f"vmlinux-{release}")


QEMU = "qemu-system-aarch64"
# The console is the virt machine's PL011; the transfer channel a virtio
# console (hvc0), built into Debian's arm64 kernels (VIRTIO_CONSOLE=y, VIRTIO_PCI=y).
CONSOLE = "ttyAMA0"
TRANSFER_DEVICE = "/dev/hvc0"
# Neoverse N1: the core of common arm64 cloud machines (AWS Graviton2,
# Ampere Altra), ARMv8.2: no pointer authentication to emulate.
CPU = "neoverse-n1"


def qemu_machine_args(data_path):
    """QEMU arguments for an arm64 guest, after the common ones."""
    return ["-M", "virt", "-cpu", CPU,
            "-serial", "stdio",
            "-device", "virtio-serial-pci",
            "-chardev", f"file,id=hbxfer,path={data_path}",
            "-device", "virtconsole,chardev=hbxfer"]


# What the transfer needs, in load order; a kernel that builds one in
# (Debian 6.12) has no module for it. Debian 6.1 arm64 builds them as modules.
TRANSFER_MODULES = ["virtio_console", "virtio_pci"]


def transfer_modules(moddir):
    """[(name, uncompressed .ko bytes)] from MODDIR to insmod, in order, so the
    transfer's virtio console exists: empty where the kernel has it built in."""
    return guest_modules.resolve(moddir, TRANSFER_MODULES)