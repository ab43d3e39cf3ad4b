# SPDX-License-Identifier: GPL-2.0-only
"""Which Debian kernels there are, and getting one: a private apt
configuration under hookbench's cache directory (its own sources list,
package lists and state, never the machine's /etc/apt), aliases such as
debian-7.2-cloud resolved to the newest package the archive holds, and the
packages downloaded and unpacked once.

From 7.x Debian splits the kernel: linux-image-V is a small package that
depends on linux-binary-V (usr/lib/modules/V/vmlinuz) and linux-base-V
(usr/lib/modules/V/config); both are fetched with it.
"""

import fcntl
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

ARCHES = ("amd64", "arm64")
FLAVOURS = ("cloud", "rt")
# (archive, suite): the archive is "debian" or "debian-security" on the mirror.
SUITES = (
    ("debian", "bookworm"), ("debian-security", "bookworm-security"),
    ("debian", "trixie"), ("debian-security", "trixie-security"),
    ("debian", "trixie-backports"), ("debian", "sid"),
)
DEFAULT_MIRROR = "http://deb.debian.org/debian"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
LISTS_MAX_AGE_S = 24 * 3600
# linux-image-6.1.0-57-cloud-amd64, linux-image-6.12.118+deb13-rt-amd64, ...
IMAGE_NAME = re.compile(r"^linux-image-(\d+)\.(\d+)\.\d+(?:-\d+)?(?:\+deb[\d.]+)?-(\w+)-(\w+)$")
# The packages a split (7.x) linux-image depends on that carry the image and its config.
SPLIT_PARTS = ("linux-binary-", "linux-base-")


class KernelError(Exception):
    """A kernel that cannot be resolved or fetched, with a one-line message."""


def say(msg):
    print(f"hookbench vm: {msg}", file=sys.stderr, flush=True)


def cache_dir(opt=None):
    if opt:
        return opt
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hookbench", "kernels")


# ---------------------------------------------------------------- versions

def _order(c):
    """dpkg's ordering of one non-digit character: ~ first, then the end, letters, the rest."""
    if c == "~":
        return -1
    if c.isalpha():
        return ord(c)
    return ord(c) + 256


def _compare_part(a, b):
    while a or b:
        da = re.match(r"\D*", a).group()
        db = re.match(r"\D*", b).group()
        for i in range(max(len(da), len(db))):
            ca = _order(da[i]) if i < len(da) else 0
            cb = _order(db[i]) if i < len(db) else 0
            if ca != cb:
                return -1 if ca < cb else 1
        a, b = a[len(da):], b[len(db):]
        na = re.match(r"\d*", a).group()
        nb = re.match(r"\d*", b).group()
        if int(na or 0) != int(nb or 0):
            return -1 if int(na or 0) < int(nb or 0) else 1
        a, b = a[len(na):], b[len(nb):]
    return 0


def compare_versions(a, b):
    """Debian version order: <0, 0 or >0 as a is older than, equal to or newer than b."""
    def split(v):
        epoch, _, rest = v.rpartition(":") if ":" in v else ("0", "", v)
        upstream, _, revision = rest.rpartition("-") if "-" in rest else (rest, "", "0")
        return int(epoch or 0), upstream, revision
    ea, ua, ra = split(a)
    eb, ub, rb = split(b)
    if ea != eb:
        return -1 if ea < eb else 1
    return _compare_part(ua, ub) or _compare_part(ra, rb)


class VersionKey:
    def __init__(self, version):
        self.version = version

    def __lt__(self, other):
        return compare_versions(self.version, other.version) < 0


# ---------------------------------------------------------------- apt

def system_mirrors(etc="/etc/apt"):
    """(debian, debian-security) base URLs named by the machine's own sources."""
    uris = []
    paths = [os.path.join(etc, "sources.list")] + sorted(glob.glob(os.path.join(etc, "sources.list.d", "*")))
    for path in paths:
        if not (path.endswith(".list") or path.endswith(".sources")) or not os.path.isfile(path):
            continue
        with open(path, errors="replace") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line.startswith("URIs:"):
                    uris += line.split()[1:]
                elif line.startswith("deb "):
                    uris += [w for w in line.split()[1:] if "://" in w][:1]
    main = next((u.rstrip("/") for u in uris if u.rstrip("/").endswith("/debian")), DEFAULT_MIRROR)
    security = next((u.rstrip("/") for u in uris if u.rstrip("/").endswith("/debian-security")),
                    main[:-len("/debian")] + "/debian-security")
    return main, security


class Apt:
    """apt-get and apt-cache on hookbench's own configuration for one architecture."""

    def __init__(self, cache, arch="amd64", etc="/etc/apt"):
        if arch not in ARCHES:
            raise KernelError(f"unknown architecture {arch} (one of {', '.join(ARCHES)})")
        self.arch = arch
        self.root = os.path.join(cache, "apt", arch)
        self.etc = etc
        self.sources = os.path.join(self.root, "sources.list")
        self.lists = os.path.join(self.root, "lists")
        self.stamp = os.path.join(self.lists, "hookbench-updated")

    def options(self):
        r = self.root
        opts = {
            "Dir::Etc::sourcelist": self.sources,
            "Dir::Etc::sourceparts": os.path.join(r, "sources.list.d"),
            "Dir::Etc::preferences": os.path.join(r, "preferences"),
            "Dir::Etc::preferencesparts": os.path.join(r, "preferences.d"),
            "Dir::State::Lists": self.lists,
            "Dir::State::status": os.path.join(r, "status"),
            "Dir::State::extended_states": os.path.join(r, "extended_states"),
            "Dir::Cache": os.path.join(r, "cache"),
            "APT::Architecture": self.arch,
            "APT::Architectures::": self.arch,
            # The cache belongs to whoever runs hookbench; apt's _apt user may not reach it.
            "APT::Sandbox::User": "root",
        }
        out = []
        for k, v in opts.items():
            out += ["-o", f"{k}={v}"]
        return out

    def write_config(self):
        for d in ("sources.list.d", "preferences.d", "lists/partial", "cache/archives/partial"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        for empty in ("status", "extended_states"):
            path = os.path.join(self.root, empty)
            if not os.path.exists(path):
                open(path, "w").close()
        main, security = system_mirrors(self.etc)
        signed = f" [signed-by={KEYRING}]" if os.path.isfile(KEYRING) else ""
        lines = [f"deb{signed} {main if archive == 'debian' else security} {suite} main"
                 for archive, suite in SUITES]
        text = "# Written by hookbench vm; only hookbench's own apt runs read it.\n" + "\n".join(lines) + "\n"
        old = open(self.sources).read() if os.path.exists(self.sources) else None
        if old != text:
            with open(self.sources, "w") as f:
                f.write(text)
            if os.path.exists(self.stamp):
                os.unlink(self.stamp)

    def run(self, tool, args, cwd=None):
        try:
            return subprocess.run([tool] + self.options() + args, cwd=cwd, capture_output=True,
                                  text=True, check=False)
        except FileNotFoundError:
            raise KernelError(f"{tool} is missing (hookbench vm fetches Debian kernels with apt)")

    def update(self, max_age=LISTS_MAX_AGE_S):
        """apt-get update on the private configuration when its lists are older than max_age."""
        self.write_config()
        with open(os.path.join(self.root, "hookbench.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                age = time.time() - os.path.getmtime(self.stamp)
            except OSError:
                age = None
            if age is not None and age < max_age:
                return
            say(f"apt-get update ({self.arch}: {', '.join(s for _, s in SUITES)})")
            r = self.run("apt-get", ["-q", "update"])
            errors = [l for l in r.stderr.splitlines()
                      if l.startswith(("E:", "W: Failed to fetch", "W: Some index files failed"))]
            if r.returncode or errors:
                detail = (errors or r.stderr.strip().splitlines() or ["failed"])[-1]
                if age is None:
                    raise KernelError(f"apt-get update of hookbench's private sources failed: {detail}")
                say(f"apt-get update failed ({detail}); using the package lists of "
                    f"{age / 3600:.0f} h ago")
                return
            open(self.stamp, "w").close()


# ---------------------------------------------------------------- listing

class Package:
    def __init__(self, name, version, suites, major_minor, flavour):
        self.name = name
        self.version = version
        self.suites = suites
        self.major_minor = major_minor
        self.flavour = flavour

    def __repr__(self):
        return f"Package({self.name} {self.version} {','.join(self.suites)})"


def parse_search(text, arch):
    """Kernel image package names (cloud and rt, of arch) in `apt-cache search` output."""
    names = []
    for line in text.splitlines():
        name = line.split(" ", 1)[0]
        m = IMAGE_NAME.match(name)
        if m and m.group(3) in FLAVOURS and m.group(4) == arch:
            names.append(name)
    return names


def parse_madison(text):
    """{(name, version): [suite, ...]} from `apt-cache madison` output
    ("name | version | URL suite/component arch Packages")."""
    found = {}
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[2].endswith("Packages"):
            continue
        where = parts[2].split()
        if len(where) < 2:
            continue
        suite = where[1].split("/", 1)[0]
        found.setdefault((parts[0], parts[1]), [])
        if suite not in found[(parts[0], parts[1])]:
            found[(parts[0], parts[1])].append(suite)
    return found


def packages_of(madison):
    out = []
    for (name, version), suites in madison.items():
        m = IMAGE_NAME.match(name)
        if m:
            out.append(Package(name, version, suites, f"{m.group(1)}.{m.group(2)}", m.group(3)))
    return out


def alias_suite(suite):
    """The suite an alias names: bookworm-security's packages count as bookworm's."""
    for tail in ("-security", "-updates"):
        if suite.endswith(tail):
            return suite[:-len(tail)]
    return suite


def aliases(packages):
    """{alias: [Package, newest first]}: debian-<major.minor>-<flavour> and
    debian-<suite>-<flavour>, each the newest version first."""
    groups = {}
    for p in packages:
        keys = {f"debian-{p.major_minor}-{p.flavour}"}
        keys |= {f"debian-{alias_suite(s)}-{p.flavour}" for s in p.suites}
        for k in keys:
            groups.setdefault(k, []).append(p)
    for k in groups:
        groups[k].sort(key=lambda p: VersionKey(p.version), reverse=True)
    return groups


def alias_order(alias):
    """Version aliases by version, then suite aliases in release order."""
    m = re.match(r"^debian-(\d+)\.(\d+)-(\w+)$", alias)
    if m:
        return (0, int(m.group(1)), int(m.group(2)), m.group(3), 0)
    suite = alias.split("-", 1)[1].rsplit("-", 1)[0]
    order = [s for _, s in SUITES]
    return (1, order.index(suite) if suite in order else len(order), 0, alias, 0)


def archive_packages(apt, max_age=LISTS_MAX_AGE_S):
    """Every cloud/rt kernel image of apt.arch in the private lists, cached per lists update."""
    apt.update(max_age)
    memo = os.path.join(apt.root, "kernels.json")
    stamp = os.path.getmtime(apt.stamp) if os.path.exists(apt.stamp) else None
    try:
        with open(memo) as f:
            saved = json.load(f)
        if saved.get("stamp") == stamp:
            return [Package(**p) for p in saved["packages"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    pattern = rf"^linux-image-[0-9].*-({'|'.join(FLAVOURS)})-{apt.arch}$"
    r = apt.run("apt-cache", ["search", "--names-only", pattern])
    names = parse_search(r.stdout, apt.arch)
    if not names:
        raise KernelError(f"hookbench's private package lists ({apt.lists}) hold no "
                          f"{apt.arch} kernel images")
    r = apt.run("apt-cache", ["madison"] + names)
    packages = packages_of(parse_madison(r.stdout))
    if not packages:
        raise KernelError(f"apt-cache madison placed none of the {len(names)} {apt.arch} kernel "
                          f"images in a suite: {(r.stderr.strip().splitlines() or ['no output'])[-1]}")
    with open(memo + ".tmp", "w") as f:
        json.dump({"stamp": stamp, "packages": [vars(p) for p in packages]}, f)
    os.replace(memo + ".tmp", memo)
    return packages


def list_kernels(cache, arch="amd64", out=sys.stdout):
    """Print each alias with the package, version and suite it resolves to now."""
    apt = Apt(cache, arch)
    table = aliases(archive_packages(apt, max_age=3600))
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


def _download(apt, name, where):
    r = apt.run("apt-get", ["-q", "download", name], cwd=where)
    debs = [f for f in os.listdir(where) if f.startswith(name + "_") and f.endswith(".deb")]
    if r.returncode or not debs:
        detail = (r.stderr.strip().splitlines() or ["no .deb downloaded"])[-1]
        raise KernelError(f"kernel package {name} could not be downloaded: {detail}")
    return os.path.join(where, debs[0])


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
        debs = [_download(apt, name, tmp)]
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
                debs.append(_download(apt, part, tmp))
            except KernelError as e:
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
        table = aliases(archive_packages(apt))
        if spec not in table:
            raise KernelError(f"kernel not found: the archive has no {arch} package for {spec} "
                              f"(hookbench vm --list-kernels shows what it has: "
                              f"{', '.join(sorted(table, key=alias_order))})")
        last = None
        for p in table[spec][:3]:  # the newest listed may have left the mirror
            try:
                return kernel_from_dir(spec, fetch_package(p.name, cache, apt), p.name)
            except KernelError as e:
                last = e
        raise last
    if spec.startswith("linux-image-"):
        return kernel_from_dir(spec, fetch_package(spec, cache, apt), spec)
    raise KernelError(f"kernel not found: '{spec}' is not a file, a package name (linux-image-...), "
                      f"or an alias (debian-<version>-cloud, debian-<suite>-rt, ...; see --list-kernels)")
