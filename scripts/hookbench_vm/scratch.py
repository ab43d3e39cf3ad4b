# SPDX-License-Identifier: GPL-2.0-only
"""The guest's scratch filesystem. The initramfs's own filesystem (tmpfs or
ramfs) drops the dentry of every failed lookup at once and frees it after an
RCU grace period, so there each ENOENT unlinkat of the workload allocates a
dentry and queues an RCU callback, and the callbacks run in batches in
whichever block is on the CPU when the grace period ends. A disk filesystem
keeps the negative dentry, as the host's does. So the guest mounts a small
ext4 image (made here with mke2fs) on a loop device and runs the workload
there (TMPDIR); where that cannot be done it says so and runs on tmpfs, and
meta.json's settings.scratch_fs says which."""
import os
import shutil
import subprocess
import tempfile

from . import guest_modules
from .apt import Apt, AptError, say

# Loaded in this order where they are modules (ext4 is built into Debian's
# cloud kernels and a module in the rt ones, which then mounts only with a
# crc32c driver loaded); dependencies come first.
MODULES = ["loop", "crc32c_generic", "ext4"]
IMAGE = "hb/scratch.img"
IMAGE_BYTES = 16 << 20


def image(work):
    """Path of an empty ext4 image (no journal) made in WORK, or None with a
    line said when mke2fs is missing or fails."""
    mke2fs = shutil.which("mke2fs") or ("/sbin/mke2fs" if os.path.isfile("/sbin/mke2fs") else None)
    if not mke2fs:
        say("mke2fs is missing (apt-get install e2fsprogs): the guest's workload runs on tmpfs")
        return None
    path = os.path.join(work, "scratch.img")
    with open(path, "wb") as f:
        f.truncate(IMAGE_BYTES)
    # No journal, no checksums: nothing the kernel would need another module for.
    r = subprocess.run([mke2fs, "-q", "-F", "-t", "ext4", "-O", "^has_journal,^metadata_csum",
                        "-E", "root_owner=0:0", path], capture_output=True, text=True, check=False)
    if r.returncode:
        say(f"mke2fs failed ({r.stderr.strip()}): the guest's workload runs on tmpfs")
        return None
    return path


def fetch_modules(kernel, cache, arch):
    """The module directory of KERNEL's package. A split image (7.x) carries its
    modules in linux-modules-RELEASE: fetched into the package's directory the
    first time. None when there is none (a vmlinuz given as a file)."""
    root = guest_modules.package_root(kernel.vmlinuz)
    found = guest_modules.module_dir(root, kernel.release)
    if found or not kernel.package:
        return found
    part = f"linux-modules-{kernel.release}"
    apt = Apt(cache, arch)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        apt.update()
        say(f"downloading {part} (the image is split; the guest needs loop and ext4)")
        deb = apt.download(part, tmp)
        unpacked = os.path.join(tmp, "unpacked")
        subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
        moddir = guest_modules.module_dir(unpacked, kernel.release)
        if not moddir:
            return None
        dest = os.path.join(root, os.path.relpath(moddir, unpacked))
        os.makedirs(dest, exist_ok=True)
        for name in os.listdir(moddir):
            target = os.path.join(dest, name)
            if not os.path.exists(target):  # another guest of this kernel may have been first
                os.rename(os.path.join(moddir, name), target)
    return guest_modules.module_dir(root, kernel.release)


def prepare(kernel, cache, arch, work):
    """(modules to insmod, image path or None) for KERNEL's guest."""
    path = image(work)
    if not path:
        return [], None
    try:
        moddir = fetch_modules(kernel, cache, arch)
    except (AptError, OSError, subprocess.CalledProcessError) as e:
        say(f"{kernel.label}: no modules for the scratch filesystem ({e}): "
            "the guest's workload runs on tmpfs unless loop and ext4 are built in")
        moddir = None
    return guest_modules.resolve(moddir, MODULES), path
