# SPDX-License-Identifier: GPL-2.0-only
"""The static programs that go into a guest: where each architecture's come
from (a build tree, the install, a cross build), and the ELF checks that
tell a static program of the right architecture."""

import os
import struct

from . import cross
from .errors import VmError

# Where the runner lies (scripts/, build/scripts/ or libexecdir/hookbench/):
# the guest init and the installed static programs lie beside it.
RUNNER_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
# Guest /bin name -> where meson builds its static copy, relative to the build
# directory; installed, the copies lie beside the runner under their own names.
GUEST_PROGRAMS = {
    "hookbench": "bench/hookbench-static",
    "tp-loader": "loaders/tp-loader-static",
    "kprobe-loader": "loaders/kprobe-loader-static",
    "unlink-storm": "workloads/unlink-storm-static",
}


def is_static_elf(path):
    """True for an ELF executable without a program interpreter."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            return False
        phoff, = struct.unpack_from("<Q", head, 32)
        phentsize, phnum = struct.unpack_from("<HH", head, 54)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            if struct.unpack("<I", f.read(4))[0] == 3:  # PT_INTERP
                return False
    return True


def is_elf_for(path, machine):
    """True for an ELF file built for e_machine MACHINE (arches.py's elf_machine)."""
    with open(path, "rb") as f:
        head = f.read(20)
    return head[:4] == b"\x7fELF" and struct.unpack_from("<H", head, 18)[0] == machine


def in_build(build_dir):
    return {n: os.path.join(build_dir, rel) for n, rel in GUEST_PROGRAMS.items()}


def in_dir(directory):
    return {n: os.path.join(directory, os.path.basename(rel)) for n, rel in GUEST_PROGRAMS.items()}


def find_guest_programs(here=RUNNER_DIR, build_dir=None):
    """{name: path} of this host's static guest programs: those of BUILD_DIR
    when given; else, for a runner staged into a build tree (build/scripts/,
    beside build.ninja), that build's; else the ones installed beside the runner."""
    root = os.path.dirname(here)
    if not build_dir and os.path.isfile(os.path.join(root, "build.ninja")):
        build_dir = root
    programs = in_build(build_dir) if build_dir else in_dir(here)
    for path in programs.values():
        if not os.path.isfile(path):
            raise VmError(f"{path} is missing: build with libbpf.a, libelf.a, libz.a, libjson-c.a and libseccomp.a present "
                          f"(meson -Dguest_binaries=enabled)")
    return programs


def find_cross_programs(arch, build_dir=None, here=RUNNER_DIR, cache=None, btf=None):
    """{name: path} of ARCH's static guest programs (a cross row): those of
    BUILD_DIR; else, in a build tree, cross-built in BUILD/<arch>-guest
    (configured on first use with the BTF file btf() returns, rebuilt when
    sources change); else those installed in <arch>/ beside the runner
    (meson -D<arch>_guest=enabled)."""
    root = os.path.dirname(here)
    source = cross.source_root_of(root)
    if build_dir:
        programs = in_build(build_dir)
    elif not os.path.isfile(os.path.join(root, "build.ninja")) or not source:
        programs = in_dir(os.path.join(here, arch.name))
        for path in programs.values():
            if not os.path.isfile(path):
                raise VmError(f"{path} is missing: this hookbench was installed without its "
                              f"{arch.name} guest programs (meson -D{arch.name}_guest=enabled); or "
                              f"give --build-dir of an {arch.name} cross build")
    else:
        programs = cross.guest_build(arch, os.path.join(root, f"{arch.name}-guest"), source,
                                     GUEST_PROGRAMS, btf, cache)
    for path in programs.values():
        if not os.path.isfile(path) or not is_elf_for(path, arch.elf_machine) or not is_static_elf(path):
            raise VmError(f"{path} is not a static {arch.name} program")
    return programs
