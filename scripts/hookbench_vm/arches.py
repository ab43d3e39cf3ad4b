# SPDX-License-Identifier: GPL-2.0-only
"""The guest architectures hookbench vm boots, one row each: everything the
runner needs to know about an architecture is a field here, and nothing else
asks which architecture it is. A new architecture is a new row (and, if its
guests cross-build, a `Cross` for it, a scripts/<arch>/meson.build like
scripts/arm64/'s and a meson option <arch>_guest). Outside the runner,
common/kernel_image.c and bench/fleet/bundle.c name the architectures of
kernel images and ELF programs."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Cross:
    """A guest whose static programs are cross-built on this (x86_64) host:
    a second meson build of this tree against a sysroot of the
    architecture's -dev packages, with a vmlinux.h from a booted guest's BTF."""
    triplet: str          # the GNU triplet: cross tools are TRIPLET-gcc, libraries usr/lib/TRIPLET
    compiler_package: str  # the Debian package of TRIPLET-gcc
    cpu_family: str       # meson's host_machine cpu_family (meson derives __TARGET_ARCH_ from it)
    btf_kernel: str       # the kernel alias whose BTF the BPF sources are written against


@dataclass(frozen=True)
class Arch:
    name: str             # --arch; also the directory of its cross-built programs (arm64/)
    debian: str           # Debian's architecture name (kernel packages, apt)
    elf_machine: int      # e_machine of its programs
    image_magic: tuple    # (offset, bytes) that mark its kernel image
    qemu: str             # the system emulator
    qemu_package: str     # the Debian package that carries it
    machine: tuple        # QEMU's -M arguments, if the default machine will not do
    cpus: dict            # accelerator -> QEMU -cpu; the accelerators it can run under here
    console: str          # the guest's console device (console= on the kernel command line)
    transfer: tuple       # QEMU arguments of the transfer channel ({path}: the host's file)
    transfer_device: str  # the guest's device for it, when not vm-guest-init's default (/dev/ttyS1)
    transfer_modules: tuple  # modules that channel needs, in load order, where not built in
    # Of a kernel the archive has signed and as its -unsigned twin (the same
    # image without the Secure Boot signature), take the twin; either boots
    # (7.x comes signed only), a kernel had one way only is taken as it is.
    kernel_unsigned_first: bool
    kernel_release_pins: dict    # version alias (6.12) -> the release whose kernels it names
    cross: Cross          # None: the build's own static programs (meson -Dguest_binaries)


ARCHES = {
    "x86_64": Arch(
        name="x86_64", debian="amd64", elf_machine=62,
        image_magic=(0x202, b"HdrS"),  # a bzImage's setup header
        qemu="qemu-system-x86_64", qemu_package="qemu-system-x86",
        machine=(), cpus={"kvm": "host", "tcg": "max"}, console="ttyS0",
        transfer=("-serial", "file:{path}"), transfer_device=None, transfer_modules=(),
        kernel_unsigned_first=False, kernel_release_pins={},
        cross=None),
    "arm64": Arch(
        name="arm64", debian="arm64", elf_machine=183,
        image_magic=(0x38, b"ARM\x64"),  # an arm64 Image's header
        qemu="qemu-system-aarch64", qemu_package="qemu-system-arm",
        # Neoverse N1: the core of common arm64 cloud machines (AWS Graviton2,
        # Ampere Altra), ARMv8.2: no pointer authentication to emulate.
        machine=("-M", "virt"), cpus={"tcg": "neoverse-n1"},
        # The console is the virt machine's PL011; the transfer channel a
        # virtio console (hvc0), built into Debian's 6.12 arm64 kernels and a
        # module in 6.1's.
        console="ttyAMA0",
        transfer=("-device", "virtio-serial-pci", "-chardev", "file,id=hbxfer,path={path}",
                  "-device", "virtconsole,chardev=hbxfer"),
        transfer_device="/dev/hvc0", transfer_modules=("virtio_console", "virtio_pci"),
        # The -unsigned twin is the one arm64 guests were first proven with;
        # 6.1 and 6.12 stay on bookworm's kernels (vm-arm64 boots
        # debian-6.12-cloud, whose BTF makes the cross build's vmlinux.h);
        # amd64's debian-6.12-* are trixie's.
        kernel_unsigned_first=True, kernel_release_pins={"6.1": "bookworm", "6.12": "bookworm"},
        # 6.12: 7.2 renamed fields the BPF sources name; CO-RE relocates to
        # whichever kernel runs them.
        cross=Cross(triplet="aarch64-linux-gnu", compiler_package="gcc-aarch64-linux-gnu",
                    cpu_family="aarch64", btf_kernel="debian-6.12-cloud")),
}


def by_debian(name):
    """The row of Debian architecture NAME, or None."""
    return next((a for a in ARCHES.values() if a.debian == name), None)


def image_arch(path):
    """The name of the architecture whose kernel image PATH is, else None."""
    with open(path, "rb") as f:
        head = f.read(0x400)
    for arch in ARCHES.values():
        offset, magic = arch.image_magic
        if head[offset:offset + len(magic)] == magic:
            return arch.name
    return None
