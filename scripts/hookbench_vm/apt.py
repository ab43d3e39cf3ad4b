# SPDX-License-Identifier: GPL-2.0-only
"""hookbench's private apt configuration: one per Debian architecture under
CACHE/apt/<arch>/ (CACHE is hookbench vm's kernel cache), with its own
sources list, package lists, dpkg status and downloads. Everything the VM
runner takes from the archive comes through it: kernels of either
architecture, and arm64's busybox-static and -dev sysroot. The machine's
/etc/apt is only read (the mirror its sources name), never written.
"""

import fcntl
import glob
import os
import re
import subprocess
import tempfile
import time

from .arches import ARCHES
from .errors import VmError
from .jobs import say

# (archive, suite): the archive is "debian" or "debian-security" on the mirror.
SUITES = (
    ("debian", "bookworm"), ("debian-security", "bookworm-security"),
    ("debian", "trixie"), ("debian-security", "trixie-security"),
    ("debian", "trixie-backports"), ("debian", "sid"),
)
DEFAULT_MIRROR = "http://deb.debian.org/debian"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
LISTS_MAX_AGE_S = 24 * 3600


class AptError(VmError):
    """A package that cannot be listed or fetched."""


class ArchiveUnreachable(AptError):
    """The archive did not answer: apt-get update or download failed (no
    network, a mirror down). The one failure the vm tests may skip on."""

    exit_status = 77


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

    def __eq__(self, other):
        return compare_versions(self.version, other.version) == 0


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


def release_of(suite):
    """The release a suite belongs to: bookworm-security's packages count as bookworm's."""
    for tail in ("-security", "-updates"):
        if suite.endswith(tail):
            return suite[:-len(tail)]
    return suite


def newest_of_release(madison, name, release):
    """The newest version of NAME that RELEASE (with its security suite) carries, or None."""
    versions = [v for (n, v), suites in madison.items()
                if n == name and any(release_of(s) == release for s in suites)]
    return max(versions, key=VersionKey) if versions else None


# ---------------------------------------------------------------- configuration

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


def host_release(os_release="/etc/os-release"):
    """The machine's Debian release when it is one of SUITES, else bookworm: the
    release whose -dev packages match the cross toolchain installed here."""
    try:
        with open(os_release) as f:
            for line in f:
                if line.startswith("VERSION_CODENAME="):
                    name = line.split("=", 1)[1].strip().strip('"')
                    if name in (s for _, s in SUITES):
                        return name
    except OSError:
        pass
    return "bookworm"


class Apt:
    """apt-get and apt-cache on hookbench's own configuration for one architecture."""

    def __init__(self, cache, arch="amd64", etc="/etc/apt"):
        known = [a.debian for a in ARCHES.values()]
        if arch not in known:
            raise AptError(f"unknown architecture {arch} (one of {', '.join(known)})")
        self.arch = arch
        self.root = os.path.join(cache, "apt", arch)
        self.etc = etc
        self.sources = os.path.join(self.root, "sources.list")
        self.lists = os.path.join(self.root, "lists")
        self.stamp = os.path.join(self.lists, "hookbench-updated")

    def options(self):
        r = self.root
        # Dir::Etc::parts stays the machine's: its apt.conf.d is read, never
        # written, for the settings its mirror needs (on this project's machine
        # Acquire::Check-Valid-Until "false", without which that mirror's
        # Release files are refused as expired).
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
            "Acquire::Languages": "none",
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
            raise AptError(f"{tool} is missing (hookbench vm fetches Debian packages with apt)")

    def update(self, max_age=LISTS_MAX_AGE_S):
        """apt-get update on the private configuration when its lists are older than max_age."""
        os.makedirs(self.root, exist_ok=True)
        with open(os.path.join(self.root, "hookbench.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.write_config()
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
                    raise ArchiveUnreachable(f"apt-get update of hookbench's private sources failed: {detail}")
                say(f"apt-get update failed ({detail}); using the package lists of "
                    f"{age / 3600:.0f} h ago")
                return
            open(self.stamp, "w").close()

    def madison(self, names):
        """parse_madison of `apt-cache madison NAMES` on the private lists."""
        return parse_madison(self.run("apt-cache", ["madison"] + list(names)).stdout)

    def download(self, name, where, release=None):
        """Download package NAME (its newest version in RELEASE when given,
        else apt's candidate) into the directory WHERE; return the .deb's path."""
        self.update()
        target = name
        if release:
            version = newest_of_release(self.madison([name]), name, release)
            if not version:
                raise AptError(f"{self.arch} package {name} is not in {release}")
            target = f"{name}={version}"
        before = set(os.listdir(where))
        r = self.run("apt-get", ["-q", "download", target], cwd=where)
        debs = [f for f in set(os.listdir(where)) - before
                if f.startswith(name + "_") and f.endswith(".deb")]
        if r.returncode or not debs:
            detail = (r.stderr.strip().splitlines() or ["no .deb downloaded"])[-1]
            raise ArchiveUnreachable(f"{self.arch} package {name} could not be downloaded: {detail}")
        return os.path.join(where, debs[0])

    def unpack_once(self, name, dest, release=None):
        """Download package NAME and unpack it into DEST, unless DEST exists."""
        if os.path.isdir(dest):
            return dest
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        say(f"downloading {name} ({self.arch})")
        with tempfile.TemporaryDirectory(dir=os.path.dirname(dest)) as tmp:
            os.chmod(tmp, 0o755)
            deb = self.download(name, tmp, release)
            unpacked = os.path.join(tmp, "unpacked")
            subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
            try:
                os.rename(unpacked, dest)
            except OSError:
                if not os.path.isdir(dest):  # else another run unpacked it first
                    raise
        return dest
