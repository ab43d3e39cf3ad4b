# SPDX-License-Identifier: GPL-2.0-only
"""Guests of another architecture than this host's (a row of arches.py with
a `cross`): its busybox, the sysroot of its static libraries, and the cross
build of the guest programs.

Its packages come through hookbench's private apt configuration for its
Debian architecture (apt.py), the one its kernels come through too; busybox
and the sysroot are unpacked under CACHE/<arch>/ (CACHE is hookbench vm's
kernel cache). The guest programs are cross-built by a second meson build
directory, configured with a cross file that points TRIPLET-gcc at that
sysroot; its vmlinux.h comes from the BTF of a booted guest.
"""

import json
import os
import shutil
import subprocess
import tempfile

from .apt import Apt, host_release
from .errors import VmError
from .jobs import say

# The -dev packages whose static libraries and headers the guest programs link.
SYSROOT_PACKAGES = ["libbpf-dev", "libelf-dev", "zlib1g-dev", "libzstd-dev", "libjson-c-dev",
                    "libseccomp-dev"]


class CrossBuildError(VmError):
    """A cross build that cannot be set up or fails."""


def arch_dir(cache, arch):
    return os.path.join(cache, arch.name)


def busybox(cache, arch):
    """The path of ARCH's busybox-static binary (the machine's release's)."""
    d = Apt(cache, arch.debian).unpack_once("busybox-static",
                                            os.path.join(arch_dir(cache, arch), "busybox-static"),
                                            host_release())
    return os.path.join(d, "bin", "busybox")


def sysroot(cache, arch):
    """A directory holding ARCH's -dev packages' headers and static
    libraries (usr/include, usr/lib/TRIPLET), unpacked once. They are the
    machine's release's, as the cross toolchain and its C library are.
    A sysroot unpacked for another list of packages is unpacked again."""
    root = os.path.join(arch_dir(cache, arch), "sysroot")
    done = os.path.join(root, ".hookbench-complete")
    wanted = " ".join(SYSROOT_PACKAGES) + "\n"
    try:
        with open(done) as f:
            if f.read() == wanted:
                return root
    except FileNotFoundError:
        pass
    apt = Apt(cache, arch.debian)
    release = host_release()
    os.makedirs(root, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=arch_dir(cache, arch)) as tmp:
        os.chmod(tmp, 0o755)
        for name in SYSROOT_PACKAGES:
            say(f"sysroot: {name} ({apt.arch}, {release})")
            subprocess.run(["dpkg-deb", "-x", apt.download(name, tmp, release), root], check=True)
    # The cross gcc finds its C library beside itself; with --sysroot it
    # looks for the rest under the sysroot.
    with open(done, "w") as f:
        f.write(wanted)
    return root


def cross_file(path, root, arch):
    """Write a meson cross file for ARCH against sysroot ROOT."""
    cross = arch.cross
    prefix = cross.triplet + "-"
    for tool in ("gcc", "ar", "strip"):
        if not shutil.which(prefix + tool):
            raise CrossBuildError(f"{prefix}{tool} is missing "
                                  f"(apt-get install {cross.compiler_package})")
    pc = [os.path.join(root, f"usr/lib/{cross.triplet}/pkgconfig"),
          os.path.join(root, "usr/share/pkgconfig")]
    text = (
        f"# Written by hookbench vm --arch {arch.name}: static {arch.name} guest programs.\n"
        "[binaries]\n"
        f"c = ['{prefix}gcc', '--sysroot={root}']\n"
        f"ar = '{prefix}ar'\n"
        f"strip = '{prefix}strip'\n"
        "pkgconfig = 'pkg-config'\n"  # the key meson < 1.3 reads
        "[properties]\n"
        f"sys_root = '{root}'\n"
        f"pkg_config_libdir = {pc!r}\n"
        "[host_machine]\n"
        "system = 'linux'\n"
        f"cpu_family = '{cross.cpu_family}'\n"
        f"cpu = '{cross.cpu_family}'\n"
        "endian = 'little'\n")
    with open(path, "w") as f:
        f.write(text)
    return path


def source_root_of(build_dir):
    """The source tree a meson build directory was configured from."""
    info = os.path.join(build_dir, "meson-info", "meson-info.json")
    try:
        with open(info) as f:
            return json.load(f)["directories"]["source"]
    except (OSError, KeyError, ValueError):
        return None


def guest_build(arch, build_dir, source, programs, btf, cache):
    """Configure (once) and build ARCH's static guest programs PROGRAMS
    ({name: meson target, a file path}) in BUILD_DIR from SOURCE, with a vmlinux.h
    generated from the file btf() returns (a booted guest's
    /sys/kernel/btf/vmlinux), called only to configure. Programs read the
    kernel through CO-RE, so one kernel's BTF serves the others.
    Returns {name: path}."""
    meson, ninja = shutil.which("meson"), shutil.which("ninja")
    if not meson or not ninja:
        raise CrossBuildError(f"meson and ninja are needed to cross-build the {arch.name} guest programs")
    # Every time: a build configured earlier regenerates against it when
    # meson.build asks for a library the sysroot did not have then.
    root = sysroot(cache, arch)
    if not os.path.isfile(os.path.join(build_dir, "build.ninja")):
        cross = cross_file(os.path.join(arch_dir(cache, arch), f"{arch.cross.triplet}.ini"), root, arch)
        say(f"configuring the {arch.name} cross build in {build_dir}")
        r = subprocess.run([meson, "setup", "--cross-file", cross, "-Dguest_binaries=enabled",
                            f"-Dbtf={btf()}", "-Dman=disabled", build_dir, source],
                           capture_output=True, text=True)
        if r.returncode:
            tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
            shutil.rmtree(build_dir, ignore_errors=True)
            raise CrossBuildError(f"meson setup of the {arch.name} cross build failed: " + " / ".join(tail))
    say(f"building the {arch.name} guest programs in {build_dir}")
    r = subprocess.run([ninja, "-C", build_dir, *programs.values()], capture_output=True, text=True)
    if r.returncode:
        tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
        raise CrossBuildError(f"the {arch.name} cross build failed: " + " / ".join(tail))
    return {name: os.path.join(build_dir, t) for name, t in programs.items()}


def btf_path(cache, arch, release):
    return os.path.join(arch_dir(cache, arch), "btf", f"vmlinux-{release}")
