# SPDX-License-Identifier: GPL-2.0-only
"""arm64 guests: Debian arm64 packages through a private apt configuration,
the sysroot of static arm64 libraries, and the cross build of the guest
programs.

Nothing here touches the machine's apt configuration: arm64 package lists,
downloads and the sysroot live under CACHE/arm64/ (CACHE is hookbench vm's
kernel cache). The guest programs are cross-built by a second meson build
directory, configured with a cross file that points gcc-aarch64-linux-gnu
at that sysroot; its vmlinux.h comes from the BTF of a booted arm64 guest.
"""

import os
import re
import shutil
import subprocess
import tempfile
import time

ARCH = "arm64"
# Debian suites the arm64 lists come from (the machine's own suites, for
# the other architecture).
SOURCES = [
    ("http://deb.debian.org/debian", "bookworm"),
    ("http://deb.debian.org/debian", "bookworm-updates"),
    ("http://deb.debian.org/debian-security", "bookworm-security"),
]
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
# The -dev packages whose static libraries and headers the guest programs link.
SYSROOT_PACKAGES = ["libbpf-dev", "libelf-dev", "zlib1g-dev", "libzstd-dev", "libjson-c-dev"]
LISTS_MAX_AGE_S = 24 * 3600
# Aliases resolve to the -unsigned image: a plain arm64 Image, no signature.
ALIASES = {
    "debian-6.1-cloud": r"^linux-image-6\.1\.0-(\d+)-cloud-arm64-unsigned$",
    "debian-6.12-cloud": r"^linux-image-6\.12\.(\d+)\+deb\d+-cloud-arm64-unsigned$",
    "debian-6.12-rt": r"^linux-image-6\.12\.(\d+)\+deb\d+-rt-arm64-unsigned$",
}
CROSS_PREFIX = "aarch64-linux-gnu-"
# The static guest programs a cross build makes (meson target = file path).
GUEST_TARGETS = ["bench/hookbench-static", "loaders/tp-loader-static",
                 "loaders/kprobe-loader-static", "workloads/unlink-storm-static"]


class Arm64Error(Exception):
    """A failure with a one-line message for the user."""


def arm64_dir(cache):
    return os.path.join(cache, ARCH)


class PrivateApt:
    """apt-get and apt-cache with their own sources, lists, status and
    archives under ROOT, for architecture ARCH only."""

    def __init__(self, root, arch=ARCH, sources=SOURCES):
        self.root = root
        self.arch = arch
        self.sources = sources

    def options(self):
        r = self.root
        return ["-o", f"Dir::Etc::sourcelist={r}/sources.list",
                "-o", "Dir::Etc::sourceparts=/dev/null",
                "-o", "Dir::Etc::preferencesparts=/dev/null",
                "-o", f"Dir::State::Lists={r}/lists",
                "-o", f"Dir::State::status={r}/status",
                "-o", f"Dir::Cache={r}/cache",
                "-o", f"APT::Architecture={self.arch}",
                "-o", f"APT::Architectures={self.arch}",
                "-o", "Acquire::Languages=none",
                # apt's _apt user cannot reach a cache under root's home.
                "-o", f"APT::Sandbox::User={'root' if os.geteuid() == 0 else '_apt'}"]

    def _prepare(self):
        for d in ("lists/partial", "cache/archives/partial"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        status = os.path.join(self.root, "status")
        if not os.path.exists(status):
            open(status, "w").close()
        text = "".join(f"deb [arch={self.arch} signed-by={KEYRING}] {uri} {suite} main\n"
                       for uri, suite in self.sources)
        path = os.path.join(self.root, "sources.list")
        old = None
        if os.path.exists(path):
            with open(path) as f:
                old = f.read()
        if old != text:
            with open(path, "w") as f:
                f.write(text)
            stamp = self._stamp()
            if os.path.exists(stamp):
                os.unlink(stamp)

    def _stamp(self):
        return os.path.join(self.root, "lists", "hookbench-updated")

    def update(self, force=False):
        """apt-get update into the private lists, when older than a day."""
        self._prepare()
        stamp = self._stamp()
        if not force and os.path.exists(stamp) and time.time() - os.path.getmtime(stamp) < LISTS_MAX_AGE_S:
            return
        r = subprocess.run(["apt-get", *self.options(), "-q", "update"],
                           capture_output=True, text=True)
        if r.returncode:
            detail = (r.stderr.strip().splitlines() or ["no detail"])[-1]
            raise Arm64Error(f"apt-get update for {self.arch} failed: {detail}")
        open(stamp, "w").close()

    def search(self, pattern):
        """Package names matching the regular expression PATTERN."""
        self.update()
        r = subprocess.run(["apt-cache", *self.options(), "search", "--names-only",
                            pattern.replace(r"\d", "[0-9]")],
                           capture_output=True, text=True)
        rx = re.compile(pattern)
        return [n for n in (line.split(" ", 1)[0] for line in r.stdout.splitlines()) if rx.match(n)]

    def download(self, name, dest):
        """Download package NAME into DEST; return the .deb's path."""
        self.update()
        before = set(os.listdir(dest))
        r = subprocess.run(["apt-get", *self.options(), "-q", "download", name],
                           cwd=dest, capture_output=True, text=True)
        debs = [f for f in set(os.listdir(dest)) - before if f.endswith(".deb")]
        if r.returncode or not debs:
            detail = (r.stderr.strip().splitlines() or ["no .deb downloaded"])[-1]
            raise Arm64Error(f"{self.arch} package {name} could not be downloaded: {detail}")
        return os.path.join(dest, debs[0])


def private_apt(cache):
    return PrivateApt(os.path.join(arm64_dir(cache), "apt"))


def unpack_once(apt, name, dest, say):
    """Download package NAME and unpack it into DEST, unless DEST exists."""
    if os.path.isdir(dest):
        return dest
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    say(f"downloading {name} ({apt.arch})")
    with tempfile.TemporaryDirectory(dir=os.path.dirname(dest)) as tmp:
        os.chmod(tmp, 0o755)
        deb = apt.download(name, tmp)
        unpacked = os.path.join(tmp, "unpacked")
        subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
        os.rename(unpacked, dest)
    return dest


def newest(names, pattern):
    """NAMES sorted newest first by the number PATTERN's group 1 captures."""
    rx = re.compile(pattern)
    return [n for _, n in sorted(((int(rx.match(n).group(1)), n) for n in names), reverse=True)]


def fetch_kernel_package(spec, cache, say):
    """An arm64 kernel by alias or exact package name: (package, unpacked dir).
    The kernel is DIR/boot/vmlinuz-*, its config DIR/boot/config-*."""
    apt = private_apt(cache)
    if spec in ALIASES:
        names = newest(apt.search(ALIASES[spec]), ALIASES[spec])
        if not names:
            raise Arm64Error(f"kernel not found: no arm64 Debian package matches {spec}")
    elif spec.startswith("linux-image-"):
        names = [spec]
    else:
        raise Arm64Error(f"kernel not found: '{spec}' is not a file, a package name "
                         f"(linux-image-...-arm64), or an alias ({', '.join(ALIASES)})")
    last = None
    for name in names[:3]:  # the newest listed may have left the mirror
        try:
            return name, unpack_once(apt, name, os.path.join(cache, name), say)
        except Arm64Error as e:
            last = e
    raise last


def busybox(cache, say):
    """The path of an arm64 busybox-static binary."""
    d = unpack_once(private_apt(cache), "busybox-static",
                    os.path.join(arm64_dir(cache), "busybox-static"), say)
    return os.path.join(d, "bin", "busybox")


def sysroot(cache, say):
    """A directory holding the arm64 -dev packages' headers and static
    libraries (usr/include, usr/lib/aarch64-linux-gnu), unpacked once."""
    root = os.path.join(arm64_dir(cache), "sysroot")
    done = os.path.join(root, ".hookbench-complete")
    if os.path.exists(done):
        return root
    apt = private_apt(cache)
    os.makedirs(root, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=arm64_dir(cache)) as tmp:
        os.chmod(tmp, 0o755)
        for name in SYSROOT_PACKAGES:
            say(f"sysroot: {name} ({apt.arch})")
            subprocess.run(["dpkg-deb", "-x", apt.download(name, tmp), root], check=True)
    # The cross gcc finds its C library beside itself; with --sysroot it
    # looks for the rest under the sysroot.
    with open(done, "w") as f:
        f.write(" ".join(SYSROOT_PACKAGES) + "\n")
    return root


def cross_file(path, root):
    """Write a meson cross file for aarch64 against sysroot ROOT."""
    for tool in ("gcc", "ar", "strip"):
        if not shutil.which(CROSS_PREFIX + tool):
            raise Arm64Error(f"{CROSS_PREFIX}{tool} is missing "
                             f"(apt-get install gcc-aarch64-linux-gnu)")
    pc = [os.path.join(root, "usr/lib/aarch64-linux-gnu/pkgconfig"),
          os.path.join(root, "usr/share/pkgconfig")]
    text = (
        "# Written by hookbench vm --arch arm64: static arm64 guest programs.\n"
        "[binaries]\n"
        f"c = ['{CROSS_PREFIX}gcc', '--sysroot={root}']\n"
        f"ar = '{CROSS_PREFIX}ar'\n"
        f"strip = '{CROSS_PREFIX}strip'\n"
        "pkgconfig = 'pkg-config'\n"  # the key meson < 1.3 reads
        "[properties]\n"
        f"sys_root = '{root}'\n"
        f"pkg_config_libdir = {pc!r}\n"
        "[host_machine]\n"
        "system = 'linux'\n"
        "cpu_family = 'aarch64'\n"
        "cpu = 'aarch64'\n"
        "endian = 'little'\n")
    with open(path, "w") as f:
        f.write(text)
    return path


def source_root_of(build_dir):
    """The source tree a meson build directory was configured from."""
    import json
    info = os.path.join(build_dir, "meson-info", "meson-info.json")
    try:
        with open(info) as f:
            return json.load(f)["directories"]["source"]
    except (OSError, KeyError, ValueError):
        return None


def guest_build(build_dir, source, btf, cache, say):
    """Configure (once) and build the static arm64 guest programs in
    BUILD_DIR from SOURCE, with a vmlinux.h generated from the file btf()
    returns (an arm64 kernel's /sys/kernel/btf/vmlinux), called only to
    configure. Programs read the kernel through CO-RE, so one arm64
    kernel's BTF serves the others."""
    meson, ninja = shutil.which("meson"), shutil.which("ninja")
    if not meson or not ninja:
        raise Arm64Error("meson and ninja are needed to cross-build the arm64 guest programs")
    if not os.path.isfile(os.path.join(build_dir, "build.ninja")):
        root = sysroot(cache, say)
        cross = cross_file(os.path.join(arm64_dir(cache), "aarch64-linux-gnu.ini"), root)
        say(f"configuring the arm64 cross build in {build_dir}")
        r = subprocess.run([meson, "setup", "--cross-file", cross, "-Dguest_binaries=enabled",
                            f"-Dbtf={btf()}", "-Dman=disabled", build_dir, source],
                           capture_output=True, text=True)
        if r.returncode:
            tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
            shutil.rmtree(build_dir, ignore_errors=True)
            raise Arm64Error("meson setup of the arm64 cross build failed: " + " / ".join(tail))
    say(f"building the arm64 guest programs in {build_dir}")
    r = subprocess.run([ninja, "-C", build_dir, *GUEST_TARGETS], capture_output=True, text=True)
    if r.returncode:
        tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
        raise Arm64Error("the arm64 cross build failed: " + " / ".join(tail))
    return {os.path.basename(t).replace("-static", ""): os.path.join(build_dir, t)
            for t in GUEST_TARGETS}


def btf_path(cache, release):
    return os.path.join(arm64_dir(cache), "btf", f"vmlinux-{release}")


QEMU = "qemu-system-aarch64"
# The console is the virt machine's PL011; the transfer channel a virtio
# console (hvc0), built into Debian's arm64 kernels (VIRTIO_CONSOLE=y, VIRTIO_PCI=y).
CONSOLE = "ttyAMA0"
TRANSFER_DEVICE = "/dev/hvc0"
# Neoverse N1: the core of common arm64 cloud machines (AWS Graviton2,
# Ampere Altra), ARMv8.2: no pointer authentication to emulate.
CPU = "neoverse-n1"


def qemu_machine_args(data_path):
    """QEMU arguments for an arm64 guest, after the common ones."""
    return ["-M", "virt", "-cpu", CPU,
            "-serial", "stdio",
            "-device", "virtio-serial-pci",
            "-chardev", f"file,id=hbxfer,path={data_path}",
            "-device", "virtconsole,chardev=hbxfer"]


# What the transfer needs, in load order; a kernel that builds one in
# (Debian 6.12) has no module for it. Debian 6.1 arm64 builds them as modules.
TRANSFER_MODULES = ["virtio_console", "virtio_pci"]


def _module_files(moddir):
    """{module name: path} of every .ko / .ko.xz / .ko.zst under MODDIR."""
    found = {}
    for root, _, names in os.walk(moddir):
        for n in names:
            m = re.match(r"(.+)\.ko(\.xz|\.zst|\.gz)?$", n)
            if m:
                found[m.group(1).replace("-", "_")] = os.path.join(root, n)
    return found


def _module_bytes(path):
    if path.endswith(".xz"):
        import lzma
        with lzma.open(path) as f:
            return f.read()
    if path.endswith(".gz"):
        import gzip
        with gzip.open(path) as f:
            return f.read()
    if path.endswith(".zst"):
        r = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True)
        return r.stdout
    with open(path, "rb") as f:
        return f.read()


def _depends(data):
    """The module names a .ko's modinfo says it depends on."""
    m = re.search(rb"\0depends=([^\0]*)\0", data)
    return [d.replace("-", "_") for d in m.group(1).decode().split(",") if d] if m else []


def transfer_modules(kernel_dir, release):
    """[(name, uncompressed .ko bytes)] to insmod, in order, so the transfer's
    virtio console exists: empty where the kernel has it built in."""
    moddir = None
    for base in ("lib/modules", "usr/lib/modules"):
        if os.path.isdir(os.path.join(kernel_dir, base, release)):
            moddir = os.path.join(kernel_dir, base, release)
    if not moddir:
        return []
    files = _module_files(moddir)
    order, loaded = [], {}

    def add(name, chain=()):
        if name in loaded or name not in files or name in chain:
            return
        data = _module_bytes(files[name])
        for dep in _depends(data):
            add(dep, chain + (name,))
        loaded[name] = data
        order.append(name)

    for name in TRANSFER_MODULES:
        add(name)
    return [(n, loaded[n]) for n in order]
