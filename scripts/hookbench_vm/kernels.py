# SPDX-License-Identifier: GPL-2.0-only
"""Which Debian kernels there are, and getting one, for amd64 and arm64
alike: the kernel images in hookbench's private apt configuration (apt.py),
aliases such as debian-7.2-cloud resolved to the newest package the archive
holds, and the packages downloaded and unpacked once into the cache,
CACHE/<package>/.

From 7.x Debian splits the kernel: linux-image-V is a small package that
depends on linux-binary-V (usr/lib/modules/V/vmlinuz) and linux-base-V
(usr/lib/modules/V/config); both are fetched with it.
"""

import glob
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

from .apt import LISTS_MAX_AGE_S, SUITES, Apt, AptError, VersionKey, release_of
from .arches import by_debian
from .jobs import say

FLAVOURS = ("cloud", "rt")
# linux-image-6.1.0-57-cloud-amd64, linux-image-6.12.118+deb13-rt-amd64,
# linux-image-6.12.117+deb12-cloud-arm64-unsigned, ...
IMAGE_NAME = re.compile(r"^linux-image-(\d+)\.(\d+)\.\d+(?:-\d+)?(?:\+deb[\d.]+)?-(\w+)-(\w+)(-unsigned)?$")
# The packages a split (7.x) linux-image depends on that carry the image and its config.
SPLIT_PARTS = ("linux-binary-", "linux-base-")


class KernelError(AptError):
    """A kernel that cannot be resolved or fetched."""


def cache_dir(opt=None):
    if opt:
        return opt
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hookbench", "kernels")


# ---------------------------------------------------------------- listing

class Package:
    def __init__(self, name, version, suites, major_minor, flavour):
        self.name = name
        self.version = version
        self.suites = suites
        self.major_minor = major_minor
        self.flavour = flavour

    @property
    def unsigned(self):
        return self.name.endswith("-unsigned")

    def __repr__(self):
        return f"Package({self.name} {self.version} {','.join(self.suites)})"


def parse_search(text, arch):
    """Kernel image package names (cloud and rt, of arch, signed or -unsigned)
    in `apt-cache search` output."""
    names = []
    for line in text.splitlines():
        name = line.split(" ", 1)[0]
        m = IMAGE_NAME.match(name)
        if m and m.group(3) in FLAVOURS and m.group(4) == arch:
            names.append(name)
    return names


def packages_of(madison):
    out = []
    for (name, version), suites in madison.items():
        m = IMAGE_NAME.match(name)
        if m:
            out.append(Package(name, version, suites, f"{m.group(1)}.{m.group(2)}", m.group(3)))
    return out


def aliases(packages, arch="amd64"):
    """{alias: [Package, newest first]}: debian-<major.minor>-<flavour> and
    debian-<suite>-<flavour>. At one version the signed image comes first,
    its -unsigned twin first where ARCH's row says kernel_unsigned_first; a
    version alias its kernel_release_pins ties to a release takes that
    release's packages only."""
    row = by_debian(arch)
    pins = row.kernel_release_pins if row else {}
    groups = {}
    for p in packages:
        releases = {release_of(s) for s in p.suites}
        keys = {f"debian-{r}-{p.flavour}" for r in releases}
        pin = pins.get(p.major_minor)
        if pin is None or pin in releases:
            keys.add(f"debian-{p.major_minor}-{p.flavour}")
        for k in keys:
            groups.setdefault(k, []).append(p)
    unsigned_first = bool(row and row.kernel_unsigned_first)
    for k in groups:
        groups[k].sort(key=lambda p: (VersionKey(p.version), p.unsigned == unsigned_first), reverse=True)
    return groups


def alias_order(alias):
    """Version aliases by version, then suite aliases in release order."""
    m = re.match(r"^debian-(\d+)\.(\d+)-(\w+)$", alias)
    if m:
        return (0, int(m.group(1)), int(m.group(2)), m.group(3), 0)
    suite = alias.split("-", 1)[1].rsplit("-", 1)[0]
    order = [s for _, s in SUITES]
    return (1, order.index(suite) if suite in order else len(order), 0, alias, 0)


MEMO_FORMAT = 2  # 2: -unsigned images listed too


def archive_packages(apt, max_age=LISTS_MAX_AGE_S):
    """Every cloud/rt kernel image of apt.arch in the private lists, cached per lists update."""
    apt.update(max_age)
    memo = os.path.join(apt.root, "kernels.json")
    stamp = os.path.getmtime(apt.stamp) if os.path.exists(apt.stamp) else None
    try:
        with open(memo) as f:
            saved = json.load(f)
        if saved.get("stamp") == stamp and saved.get("format") == MEMO_FORMAT:
            return [Package(**p) for p in saved["packages"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    pattern = rf"^linux-image-[0-9].*-({'|'.join(FLAVOURS)})-{apt.arch}(-unsigned)?$"
    r = apt.run("apt-cache", ["search", "--names-only", pattern])
    names = parse_search(r.stdout, apt.arch)
    if not names:
        raise KernelError(f"hookbench's private package lists ({apt.lists}) hold no "
                          f"{apt.arch} kernel images")
    packages = packages_of(apt.madison(names))
    if not packages:
        raise KernelError(f"apt-cache madison placed none of the {len(names)} {apt.arch} kernel "
                          f"images in a suite")
    with open(memo + ".tmp", "w") as f:
        json.dump({"stamp": stamp, "format": MEMO_FORMAT, "packages": [vars(p) for p in packages]}, f)
    os.replace(memo + ".tmp", memo)
    return packages


def list_kernels(cache, arch="amd64", out=sys.stdout):
    """Print each alias with the package, version and suite it resolves to now."""
    apt = Apt(cache, arch)
    table = aliases(archive_packages(apt, max_age=3600), arch)
    rows = [("alias", "package", "version", "suite")]
    for alias in sorted(table, key=alias_order):
        p = table[alias][0]
        rows.append((alias, p.name, p.version, ",".join(p.suites)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[3] + "\n")
    return 0


# ---------------------------------------------------------------- fetching

def kernel_release_of(vmlinuz):
    """The release string an x86 bzImage carries in its setup header."""
    with open(vmlinuz, "rb") as f:
        head = f.read(0x10000)
    if len(head) < 0x210 or head[0x202:0x206] != b"HdrS":
        return None
    offset = struct.unpack_from("<H", head, 0x20E)[0] + 0x200
    end = head.find(b"\0", offset)
    if offset >= len(head) or end < 0:
        return None
    return head[offset:end].decode(errors="replace").split(" ", 1)[0]


def split_parts(depends):
    """The linux-binary-*/linux-base-* package names in a Depends field."""
    names = []
    for clause in depends.split(","):
        for alt in clause.split("|"):
            name = alt.strip().split(" ", 1)[0].split(":", 1)[0]
            if name.startswith(SPLIT_PARTS) and name not in names:
                names.append(name)
    return names


MANIFEST = "hookbench-packages.json"


def unpacked_complete(dest):
    return bool(glob.glob(os.path.join(dest, "boot", "vmlinuz-*")) or
                glob.glob(os.path.join(dest, "usr", "lib", "modules", "*", "vmlinuz")))


def fetch_package(name, cache, apt):
    """Download and unpack a kernel package (and, for a split image, its binary
    and base packages) once; return the unpacked directory."""
    dest = os.path.join(cache, name)
    if unpacked_complete(dest):
        return dest
    os.makedirs(cache, exist_ok=True)
    apt.update()
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        say(f"downloading {name}")
        debs = [apt.download(name, tmp)]
        depends = subprocess.run(["dpkg-deb", "-f", debs[0], "Depends"], capture_output=True,
                                 text=True, check=False).stdout
        listing = subprocess.run(["dpkg-deb", "-c", debs[0]], capture_output=True, text=True,
                                 check=False).stdout
        # 6.18 backports depend on a linux-base-V the archive does not carry, yet
        # still ship boot/vmlinuz-V: there the parts are only wanted, not needed.
        has_vmlinuz = re.search(r"\./boot/vmlinuz-", listing) is not None
        for part in split_parts(depends):
            say(f"downloading {part} (the image is split)")
            try:
                debs.append(apt.download(part, tmp))
            except AptError as e:
                if not has_vmlinuz:
                    raise
                say(f"{part} is not in the archive; {name} carries its own vmlinuz ({e})")
        unpacked = os.path.join(tmp, "unpacked")
        os.makedirs(unpacked)
        owners = {}  # the kernel's files -> the package that carried each
        for deb in debs:
            subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
            listing = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True,
                                     check=True).stdout
            package = os.path.basename(deb).split("_", 1)[0]
            for line in listing.splitlines():
                path = os.path.normpath(line.split()[-1]) if line.split() else ""
                if re.search(r"(^boot/(vmlinuz|config)-|^usr/lib/modules/[^/]+/(vmlinuz|config)$)", path):
                    owners[path] = package
        with open(os.path.join(unpacked, MANIFEST), "w") as f:
            json.dump({"packages": [os.path.basename(d).split("_", 1)[0] for d in debs],
                       "files": owners}, f, indent=1)
        if not unpacked_complete(unpacked):
            raise KernelError(f"kernel package {name} (with {', '.join(debs[1:]) or 'no parts'}) "
                              f"has no boot/vmlinuz-* or usr/lib/modules/*/vmlinuz")
        shutil.rmtree(dest, ignore_errors=True)
        os.rename(unpacked, dest)
    return dest


class Kernel:
    def __init__(self, label, vmlinuz, config=None, package=None, release=None, config_from=None):
        self.label = label
        self.vmlinuz = vmlinuz
        self.config = config
        self.package = package
        # Where the config came from ("package NAME: path", "file PATH"); None: the guest's own.
        self.config_from = config_from
        self.release = (kernel_release_of(vmlinuz) or release or
                        os.path.basename(vmlinuz).replace("vmlinuz-", ""))
        # Its package's module directory (scratch.module_dir), found before
        # any guest starts; None: none (a vmlinuz given as a file, a fetch that failed).
        self.moddir = None


def kernel_from_dir(label, unpacked, package):
    """The kernel in an unpacked package: boot/vmlinuz-V and boot/config-V, or
    (split images) usr/lib/modules/V/vmlinuz and usr/lib/modules/V/config."""
    boot = sorted(glob.glob(os.path.join(unpacked, "boot", "vmlinuz-*")))
    if boot:
        vmlinuz = boot[-1]
        release = os.path.basename(vmlinuz)[len("vmlinuz-"):]
        config = os.path.join(unpacked, "boot", f"config-{release}")
    else:
        mods = sorted(glob.glob(os.path.join(unpacked, "usr", "lib", "modules", "*", "vmlinuz")))
        if not mods:
            raise KernelError(f"kernel package {package} has no boot/vmlinuz-* or usr/lib/modules/*/vmlinuz")
        vmlinuz = mods[-1]
        release = os.path.basename(os.path.dirname(vmlinuz))
        config = os.path.join(os.path.dirname(vmlinuz), "config")
    if not os.path.isfile(config):
        config = None
    config_from = None
    if config:
        rel = os.path.relpath(config, unpacked)
        try:
            with open(os.path.join(unpacked, MANIFEST)) as f:
                owner = json.load(f)["files"].get(rel, package)
        except (OSError, ValueError, KeyError):
            owner = package  # unpacked before manifests: the one package there was
        config_from = f"package {owner}: {rel}"
    return Kernel(label, vmlinuz, config, package, release, config_from)


def is_alias(spec):
    return re.match(r"^debian-[\w.]+-(" + "|".join(FLAVOURS) + r")$", spec) is not None


def resolve_kernel(spec, cache, arch="amd64"):
    """An alias (debian-7.2-cloud, debian-sid-rt, ...), a Debian package name, or a path to a vmlinuz."""
    if os.path.sep in spec or os.path.isfile(spec):
        if not os.path.isfile(spec):
            raise KernelError(f"kernel not found: no file {spec}")
        config = os.path.join(os.path.dirname(spec),
                              os.path.basename(spec).replace("vmlinuz", "config", 1))
        if not os.path.isfile(config) or config == spec:
            config = None
        return Kernel(os.path.basename(spec), os.path.abspath(spec), config,
                      config_from=f"file {os.path.abspath(config)}" if config else None)
    apt = Apt(cache, arch)
    if is_alias(spec):
        table = aliases(archive_packages(apt), arch)
        if spec not in table:
            raise KernelError(f"kernel not found: the archive has no {arch} package for {spec} "
                              f"(hookbench vm --list-kernels shows what it has: "
                              f"{', '.join(sorted(table, key=alias_order))})")
        last = None
        for p in table[spec][:3]:  # the newest listed may have left the mirror
            try:
                return kernel_from_dir(spec, fetch_package(p.name, cache, apt), p.name)
            except AptError as e:
                last = e
        raise last
    if spec.startswith("linux-image-"):
        return kernel_from_dir(spec, fetch_package(spec, cache, apt), spec)
    raise KernelError(f"kernel not found: '{spec}' is not a file, a package name (linux-image-...), "
                      f"or an alias (debian-<version>-cloud, debian-<suite>-rt, ...; see --list-kernels)")
