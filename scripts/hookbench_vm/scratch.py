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
import fcntl
import os
import shutil
import subprocess
import tempfile

from . import guest_modules
from .apt import Apt, AptError
from .jobs import say

# Loaded in this order where they are modules (ext4 is built into Debian's
# cloud kernels and a module in the rt ones, which then mounts only with a
# crc32c driver loaded: crc32c_generic up to 6.14, crc32c_cryptoapi after);
# dependencies come first.
MODULES = ["loop", "crc32c_generic", "crc32c_cryptoapi", "ext4"]
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
    # No journal and no checksums: nothing written behind the workload's back
    # and no module the kernel would need for them; inode tables written now,
    # not by ext4lazyinit in the guest.
    r = subprocess.run([mke2fs, "-q", "-F", "-t", "ext4", "-O", "^has_journal,^metadata_csum",
                        "-E", "root_owner=0:0,lazy_itable_init=0", path],
                       capture_output=True, text=True, check=False)
    if r.returncode:
        say(f"mke2fs failed ({r.stderr.strip()}): the guest's workload runs on tmpfs")
        return None
    return path


def _fetch_modules(kernel, cache, arch, root):
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
            return
        dest = os.path.join(root, os.path.relpath(moddir, unpacked))
        os.makedirs(dest, exist_ok=True)
        for name in os.listdir(moddir):
            if not os.path.exists(os.path.join(dest, name)):
                os.rename(os.path.join(moddir, name), os.path.join(dest, name))


def module_dir(kernel, cache, arch):
    """The module directory of KERNEL's package, or None (a vmlinuz given as a
    file; a fetch that failed, said). A split image (7.x) carries its modules
    in linux-modules-RELEASE: fetched into the package's directory the first
    time, under a lock, so guests and runs of one kernel fetch it once."""
    root = guest_modules.package_root(kernel.vmlinuz)
    found = guest_modules.module_dir(root, kernel.release)
    if found or not kernel.package:
        return found
    try:
        with open(os.path.join(cache, f"{kernel.package}.modules.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not guest_modules.module_dir(root, kernel.release):
                _fetch_modules(kernel, cache, arch, root)
    except (AptError, OSError, subprocess.CalledProcessError) as e:
        say(f"{kernel.label}: no modules for the scratch filesystem ({e}): "
            "the guest's workload runs on tmpfs unless the kernel builds loop and ext4 in")
    return guest_modules.module_dir(root, kernel.release)


def prepare(kernel, moddir, work):
    """(modules to insmod, image path or None) for KERNEL's guest, the modules
    from MODDIR (module_dir()); with no image, none."""
    path = image(work)
    if not path:
        return [], None
    try:
        return guest_modules.resolve(moddir, MODULES, kernel.label), path
    except guest_modules.ModuleError as e:
        say(f"{e}: the guest's workload runs on tmpfs")
        return [], None
