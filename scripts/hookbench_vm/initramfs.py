# SPDX-License-Identifier: GPL-2.0-only
"""The guest's initramfs: busybox, the static guest programs, the guest init
(vm-guest-init, beside the runner), the kernel's config, hookbench run's
arguments or a guest script, the modules the guest insmods, and the ext4
scratch image; a newc cpio archive, gzip-compressed."""

import gzip
import io
import os
import shutil
import stat

from . import guest_modules, scratch
from .errors import VmError
from .programs import RUNNER_DIR, is_static_elf


class Cpio:
    """A newc-format archive written in memory, then gzip-compressed."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.ino = 1

    def _entry(self, name, mode, data=b""):
        name_b = name.encode() + b"\0"
        hdr = "070701" + "".join(f"{v:08x}" for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0))
        self.ino += 1
        self.buf.write(hdr.encode() + name_b)
        self.buf.write(b"\0" * (-(110 + len(name_b)) % 4))
        self.buf.write(data)
        self.buf.write(b"\0" * (-len(data) % 4))

    def dir(self, name):
        self._entry(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, mode=0o644):
        self._entry(name, stat.S_IFREG | mode, data)

    def gzipped(self):
        self._entry("TRAILER!!!", 0)
        return gzip.compress(self.buf.getvalue(), compresslevel=1)


def modules_for(kernel, arch, work):
    """([(name, .ko bytes)] for the guest to insmod, in order; the scratch
    image or None): the modules ARCH's transfer channel needs where KERNEL
    has them as modules, then those of the scratch filesystem (scratch.py),
    made in WORK."""
    modules = []
    if arch.transfer_modules and kernel.moddir:
        modules = guest_modules.resolve(kernel.moddir, arch.transfer_modules, kernel.label)
    scratch_modules, scratch_image = scratch.prepare(kernel, kernel.moddir, work)
    modules += [m for m in scratch_modules if m[0] not in dict(modules)]
    return modules, scratch_image


def build_initramfs(path, programs, kernel, run_args, guest_script, extra_files=(), busybox=None,
                    modules=(), scratch_image=None):
    busybox = busybox or shutil.which("busybox") or "/bin/busybox"
    if not os.path.isfile(busybox) or not is_static_elf(busybox):
        raise VmError("busybox-static is missing (apt-get install busybox-static)")
    archive = Cpio()
    for d in ("bin", "dev", "proc", "sys", "tmp", "boot", "hb", "out", "root", "etc"):
        archive.dir(d)
    with open(busybox, "rb") as f:
        archive.file("bin/busybox", f.read(), 0o755)
    for name, src in programs.items():
        with open(src, "rb") as f:
            archive.file(f"bin/{name}", f.read(), 0o755)
    with open(os.path.join(RUNNER_DIR, "vm-guest-init"), "rb") as f:
        archive.file("init", f.read(), 0o755)
    if kernel.config:
        with open(kernel.config, "rb") as f:
            archive.file(f"boot/config-{kernel.release}", f.read())
    archive.file("hb/args", "".join(a + "\n" for a in run_args).encode())
    if guest_script:
        with open(guest_script, "rb") as f:
            archive.file("hb/guest-script", f.read(), 0o755)
    for extra in extra_files:
        with open(extra, "rb") as f:
            archive.file(f"bin/{os.path.basename(extra)}", f.read(), 0o755)
    if modules:
        # The guest init insmods these, in this order, before it needs them.
        archive.dir("hb/modules")
        for name, data in modules:
            archive.file(f"hb/modules/{name}.ko", data)
        archive.file("hb/modules.order", "".join(f"{n}\n" for n, _ in modules).encode())
    if scratch_image:
        # The guest init mounts it on a loop device for the workload (scratch.py).
        with open(scratch_image, "rb") as f:
            archive.file(scratch.IMAGE, f.read(), 0o600)
    with open(path, "wb") as f:
        f.write(archive.gzipped())
