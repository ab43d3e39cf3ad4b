# SPDX-License-Identifier: GPL-2.0-only
"""Kernel modules for the guest's initramfs: found in an unpacked kernel
package, uncompressed, with what each depends on loaded first."""
import lzma
import os
import re
import subprocess

from .errors import VmError


class ModuleError(VmError):
    """A module file that cannot be read or uncompressed."""


def module_dir(kernel_dir, release):
    """lib/modules/RELEASE or usr/lib/modules/RELEASE under KERNEL_DIR, where it
    holds modules (a kernel/ tree), or None."""
    found = None
    for base in ("lib/modules", "usr/lib/modules"):
        if os.path.isdir(os.path.join(kernel_dir, base, release, "kernel")):
            found = os.path.join(kernel_dir, base, release)
    return found


def package_root(vmlinuz):
    """The unpacked package a vmlinuz lies in: above boot/vmlinuz-V, or above
    usr/lib/modules/V/vmlinuz (split images)."""
    root = os.path.dirname(os.path.dirname(vmlinuz))
    if os.path.basename(vmlinuz) == "vmlinuz":
        root = os.path.dirname(os.path.dirname(os.path.dirname(root)))
    return root


def _files(moddir):
    """{module name: path} of every .ko / .ko.xz / .ko.zst / .ko.gz under MODDIR."""
    found = {}
    for root, _, names in os.walk(moddir):
        for n in names:
            m = re.match(r"(.+)\.ko(\.xz|\.zst|\.gz)?$", n)
            if m:
                found[m.group(1).replace("-", "_")] = os.path.join(root, n)
    return found


def _bytes(path, label):
    try:
        return _read(path)
    except (OSError, ValueError, EOFError, lzma.LZMAError, subprocess.CalledProcessError) as e:
        raise ModuleError(f"{label}: cannot read the module {path}: {e}") from e


def _read(path):
    if path.endswith(".xz"):
        with lzma.open(path) as f:
            return f.read()
    if path.endswith(".gz"):
        import gzip
        with gzip.open(path) as f:
            return f.read()
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout
    with open(path, "rb") as f:
        return f.read()


def _depends(data):
    """The module names a .ko's modinfo says it depends on."""
    m = re.search(rb"\0depends=([^\0]*)\0", data)
    return [d.replace("-", "_") for d in m.group(1).decode().split(",") if d] if m else []


def resolve(moddir, names, label):
    """[(name, uncompressed .ko bytes)] to insmod in order: NAMES and what they
    depend on, dependencies first. A name with no module file is left out (the
    kernel builds it in, or does not have it: the guest finds out). Raises
    ModuleError, naming the kernel LABEL, when a module file cannot be read."""
    files = _files(moddir) if moddir else {}
    order, loaded = [], {}

    def add(name, chain=()):
        if name in loaded or name not in files or name in chain:
            return
        data = _bytes(files[name], label)
        for dep in _depends(data):
            add(dep, chain + (name,))
        loaded[name] = data
        order.append(name)

    for name in names:
        add(name)
    return [(n, loaded[n]) for n in order]


