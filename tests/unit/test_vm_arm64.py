#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Unit tests of the arm64 half of hookbench vm that need no QEMU and no
network: arm64 shares the private apt configuration and the resolver of
amd64 (CACHE/apt/arm64), the aliases resolve from apt-cache output to the
arm64 packages (bookworm's -unsigned images for 6.1 and 6.12), a kernel
already unpacked in the cache is used as it is, the meson cross file points
at the sysroot, and the runner tells arm64 kernels and programs apart and
boots them on -M virt with the virtio console for the transfer. TAP output."""
import os
import re
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from tap import check, finish  # noqa: E402

SCRIPTS = os.path.join(HERE, "..", "..", "scripts")
sys.path.insert(0, SCRIPTS)
from hookbench_vm import apt, cross, guest_modules, kernels, programs, qemu, runner  # noqa: E402
from hookbench_vm.arches import ARCHES, image_arch  # noqa: E402
from hookbench_vm.errors import VmError  # noqa: E402
from hookbench_vm.plan import Plan  # noqa: E402

ARM64 = ARCHES["arm64"]

FIXTURES = os.path.join(HERE, "..", "fixtures", "apt")


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


def test_private_apt():
    with tempfile.TemporaryDirectory() as d:
        etc = os.path.join(d, "etc")
        os.makedirs(etc)
        with open(os.path.join(etc, "sources.list"), "w") as f:
            f.write("deb http://mirror.example/debian bookworm main\n")
        cache = os.path.join(d, "cache")
        a = apt.Apt(cache, "arm64", etc)
        check(a.root == os.path.join(cache, "apt", "arm64"),
              "arm64 packages (kernels, busybox, sysroot) come through CACHE/apt/arm64, as amd64's through apt/amd64")
        opts = dict(o.split("=", 1) for o in a.options()[1::2])
        dirs = {k: v for k, v in opts.items() if k.startswith("Dir::")}
        check(all(v.startswith(a.root) for v in dirs.values())
              and {"Dir::Etc::sourcelist", "Dir::Etc::sourceparts", "Dir::State::Lists",
                   "Dir::State::status", "Dir::Cache"} <= set(dirs),
              "every apt directory and list is the private one")
        check("Dir::Etc::parts" not in opts and "Dir::Etc::main" not in opts,
              "the machine's apt.conf.d is still read (the settings its mirror needs)")
        check(opts.get("APT::Architecture") == "arm64" and opts.get("APT::Architectures::") == "arm64",
              "the private configuration knows arm64 only")
        a.write_config()
        with open(a.sources) as f:
            lines = [l for l in f.read().splitlines() if not l.startswith("#")]
        suites = [l.split()[-2] for l in lines]
        check(suites == [s for _, s in apt.SUITES] and all("mirror.example/debian" in l for l in lines),
              f"its sources are every suite on the machine's mirror ({suites})")
        check(os.path.getsize(os.path.join(a.root, "status")) == 0,
              "its dpkg status is empty: the host's installed packages do not leak in")
        check(os.listdir(etc) == ["sources.list"], "the machine's apt directory is not written")
        release = os.path.join(d, "os-release")
        with open(release, "w") as f:
            f.write('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nVERSION_CODENAME=trixie\n')
        check(apt.host_release(release) == "trixie" and apt.host_release(os.path.join(d, "none")) == "bookworm",
              "busybox and the sysroot come from the machine's release (bookworm when unknown)")
    madison = apt.parse_madison(fixture("madison-arm64.txt"))
    check(apt.newest_of_release(madison, "linux-image-6.12.117+deb12-cloud-arm64-unsigned", "bookworm")
          == "6.12.117-1~deb12u1"
          and apt.newest_of_release(madison, "linux-image-7.2.13+deb14-cloud-arm64", "bookworm") is None,
          "a package's version in one release, bookworm-security counting as bookworm")


def test_aliases():
    """Real apt-cache search and madison output of the private arm64
    configuration (bookworm to sid, captured 2026-12-02)."""
    names = kernels.parse_search(fixture("search-arm64.txt"), "arm64")
    check(names and all(re.search(r"-(cloud|rt)-arm64(-unsigned)?$", n) for n in names)
          and "linux-image-6.12.117+deb12-cloud-arm64-unsigned" in names
          and "linux-image-7.2.13+deb14-cloud-arm64" in names,
          f"search keeps cloud and rt images, signed and -unsigned ({len(names)}); no 16k, generic or -dbg")
    check(kernels.parse_search(fixture("search-arm64.txt"), "amd64") == [], "arm64 names are no amd64 kernels")
    packages = kernels.packages_of(apt.parse_madison(fixture("madison-arm64.txt")))
    table = kernels.aliases(packages, "arm64")
    want = {
        "debian-6.1-cloud": ("linux-image-6.1.0-57-cloud-arm64-unsigned", "6.1.192-3"),
        "debian-6.12-cloud": ("linux-image-6.12.117+deb12-cloud-arm64-unsigned", "6.12.117-1~deb12u1"),
        "debian-6.12-rt": ("linux-image-6.12.117+deb12-rt-arm64-unsigned", "6.12.117-1~deb12u1"),
        "debian-trixie-cloud": ("linux-image-6.12.118+deb13-cloud-arm64-unsigned", "6.12.118-1"),
        "debian-6.18-cloud": ("linux-image-6.18.15+deb13-cloud-arm64", "6.18.15-1~bpo13+1"),
        "debian-7.2-cloud": ("linux-image-7.2.13+deb14-cloud-arm64", "7.2.13-1"),
        "debian-7.2-rt": ("linux-image-7.2.13+deb14-rt-arm64", "7.2.13-1"),
        "debian-sid-cloud": ("linux-image-7.2.13+deb14-cloud-arm64", "7.2.13-1"),
    }
    for alias, (name, version) in want.items():
        got = table.get(alias, [None])[0]
        check(got is not None and (got.name, got.version) == (name, version), f"arm64 {alias} -> {name} ({got})")
    check([p.name for p in table["debian-6.1-cloud"][:2]] ==
          ["linux-image-6.1.0-57-cloud-arm64-unsigned", "linux-image-6.1.0-57-cloud-arm64"],
          "the signed twin of the same version comes next (tried when the -unsigned one cannot be had)")
    check(all("deb12" in p.name for p in table["debian-6.12-cloud"]),
          "arm64's debian-6.12-cloud holds bookworm's kernels only")
    check(kernels.aliases(packages, "amd64")["debian-6.12-cloud"][0].name == "linux-image-6.12.118+deb13-cloud-arm64",
          "without arm64's rules the same lists give trixie's signed 6.12 (the rules are arm64's)")
    only = kernels.packages_of(apt.parse_madison(
        "linux-image-6.1.0-9-cloud-amd64-unsigned | 6.1.27-1 | http://m/debian bookworm/main amd64 Packages\n"))
    check(kernels.aliases(only, "amd64")["debian-6.1-cloud"][0].name == "linux-image-6.1.0-9-cloud-amd64-unsigned",
          "an -unsigned image with no signed twin is taken on either architecture")


def test_resolve_cached():
    """An alias resolves through kernels.py on arm64, and a kernel unpacked
    in the cache before (named by its package) is used without apt."""
    packages = kernels.packages_of(apt.parse_madison(fixture("madison-arm64.txt")))
    real = kernels.archive_packages
    kernels.archive_packages = lambda a, max_age=None: packages
    try:
        with tempfile.TemporaryDirectory() as d:
            boot = os.path.join(d, "linux-image-6.12.117+deb12-cloud-arm64-unsigned", "boot")
            os.makedirs(boot)
            image = bytearray(0x400)
            image[0x38:0x3C] = b"ARM\x64"
            with open(os.path.join(boot, "vmlinuz-6.12.117+deb12-cloud-arm64"), "wb") as f:
                f.write(image)
            with open(os.path.join(boot, "config-6.12.117+deb12-cloud-arm64"), "w") as f:
                f.write("CONFIG_DEBUG_INFO_BTF=y\n")
            k = runner.resolve("debian-6.12-cloud", d, ARM64)
            check(k.package == "linux-image-6.12.117+deb12-cloud-arm64-unsigned"
                  and k.release == "6.12.117+deb12-cloud-arm64" and k.config.endswith("config-6.12.117+deb12-cloud-arm64"),
                  f"the runner's arm64 debian-6.12-cloud is the cached bookworm -unsigned kernel ({k.package})")
            check(not os.path.exists(os.path.join(d, "apt")), "nothing was asked of apt")
            try:
                runner.resolve("debian-6.2-cloud", d, ARM64)
                err = None
            except apt.AptError as e:
                err = str(e)
            check(err and "no arm64 package for debian-6.2-cloud" in err and "debian-7.2-cloud" in err,
                  f"an alias the archive lacks names the ones it has ({(err or '')[:80]}...)")
    finally:
        kernels.archive_packages = real


def test_cross_file():
    real_which = cross.shutil.which
    cross.shutil.which = lambda name: "/usr/bin/" + name
    try:
        with tempfile.TemporaryDirectory() as d:
            path = cross.cross_file(os.path.join(d, "cross.ini"), "/cache/arm64/sysroot", ARM64)
            with open(path) as f:
                text = f.read()
    finally:
        cross.shutil.which = real_which
    check("c = ['aarch64-linux-gnu-gcc', '--sysroot=/cache/arm64/sysroot']" in text,
          "the cross gcc is called with --sysroot at the sysroot")
    check("sys_root = '/cache/arm64/sysroot'" in text
          and "/cache/arm64/sysroot/usr/lib/aarch64-linux-gnu/pkgconfig" in text,
          "pkg-config reads the sysroot's .pc files, with the sysroot prefixed")
    check("cpu_family = 'aarch64'" in text and "system = 'linux'" in text,
          "the host machine is aarch64 Linux (meson derives -D__TARGET_ARCH_arm64 from it)")
    cross.shutil.which = lambda name: None
    try:
        cross.cross_file("/nonexistent/cross.ini", "/x", ARM64)
        err = None
    except cross.CrossBuildError as e:
        err = str(e)
    finally:
        cross.shutil.which = real_which
    check(err and "gcc-aarch64-linux-gnu" in err, f"no cross compiler: says which package ({err})")


def test_runner_arch():
    with tempfile.TemporaryDirectory() as d:
        x86 = bytearray(0x400)
        x86[0x202:0x206] = b"HdrS"
        image = bytearray(0x400)
        image[0x38:0x3C] = b"ARM\x64"
        paths = {}
        for name, data in (("vmlinuz-x86", x86), ("vmlinuz-arm64", image)):
            paths[name] = os.path.join(d, name)
            with open(paths[name], "wb") as f:
                f.write(data)
        check(image_arch(paths["vmlinuz-x86"]) == "x86_64"
              and image_arch(paths["vmlinuz-arm64"]) == "arm64",
              "the runner tells a bzImage from an arm64 Image")
        try:
            runner.resolve(paths["vmlinuz-arm64"], d, ARCHES["x86_64"])
            err = None
        except VmError as e:
            err = str(e)
        check(err and "arm64 kernel" in err and "--arch is x86_64" in err,
              f"an arm64 image under --arch x86_64 is refused ({err})")
        k = runner.resolve(paths["vmlinuz-arm64"], d, ARM64)
        check(k.vmlinuz == paths["vmlinuz-arm64"], "and taken under --arch arm64")

        elf = os.path.join(d, "prog")
        with open(elf, "wb") as f:
            f.write(b"\x7fELF\x02\x01\x01" + b"\0" * 11 + struct.pack("<H", 183) + b"\0" * 44)
        check(programs.is_elf_for(elf, 183) and not programs.is_elf_for(elf, 62),
              "an aarch64 ELF is told from an x86-64 one")

        plan = Plan(arch=ARM64, accel="tcg", timing="icount", memory=1024, smp=2, timeout=60,
                    busybox=None, guest_script=None, guest_files=(), run_args=(), jobs=1,
                    qemu_version=None, argv=())
        real_which = qemu.shutil.which
        qemu.shutil.which = lambda name: "/usr/bin/" + name
        try:
            cmd = qemu.command(plan, k, "/tmp/initrd", "/tmp/xfer")
        finally:
            qemu.shutil.which = real_which
        line = " ".join(cmd)
        append = cmd[cmd.index("-append") + 1]
        check(cmd[0].endswith("qemu-system-aarch64") and "-M virt" in line and "-accel tcg" in line,
              "arm64 boots qemu-system-aarch64 -M virt under TCG")
        check("console=ttyAMA0" in append and "HB_XFER=/dev/hvc0" in append,
              f"console on the PL011, transfer named for the guest init ({append})")
        check("virtconsole,chardev=hbxfer" in line and "file,id=hbxfer,path=/tmp/xfer" in line
              and cmd.count("-serial") == 1,
              "the transfer is a virtio console written to the host's file; one serial port")
        check("-icount shift=0,sleep=off" in line and "-smp 1" in line,
              "icount timing as on x86: shift=0, one CPU")


def test_transfer_modules():
    import lzma
    mods = {"virtio_console": b"virtio_ring,virtio", "virtio_pci": b"virtio_pci_modern_dev,virtio,virtio_ring",
            "virtio_pci_modern_dev": b"", "virtio_ring": b"", "virtio": b""}
    with tempfile.TemporaryDirectory() as d:
        moddir = os.path.join(d, "lib", "modules", "6.1.0-57-cloud-arm64", "kernel", "drivers")
        os.makedirs(moddir)
        for name, deps in mods.items():
            data = b"\x7fELF...\0license=GPL\0depends=" + deps + b"\0name=" + name.encode() + b"\0"
            if name == "virtio":  # compressed as Debian's newer kernels ship them
                with lzma.open(os.path.join(moddir, name + ".ko.xz"), "wb") as f:
                    f.write(data)
            else:
                with open(os.path.join(moddir, name + ".ko"), "wb") as f:
                    f.write(data)
        got = guest_modules.resolve(guest_modules.module_dir(d, "6.1.0-57-cloud-arm64"),
                                    ARM64.transfer_modules, "debian-6.1-cloud")
        names = [n for n, _ in got]
        check(sorted(names) == sorted(mods) and all(
            names.index(dep.decode()) < names.index(n) for n, deps in mods.items()
            for dep in deps.split(b",") if dep),
            f"the virtio console's modules come with their dependencies first ({names})")
        check(dict(got)["virtio"].startswith(b"\x7fELF"), "an .ko.xz is put in uncompressed")
        check(guest_modules.resolve(guest_modules.module_dir(d, "6.12.117+deb12-cloud-arm64"),
                                    ARM64.transfer_modules, "debian-6.12-cloud") == [],
              "a kernel without those modules (built in) needs none")


test_private_apt()
test_aliases()
test_resolve_cached()
test_transfer_modules()
test_cross_file()
test_runner_arch()
sys.exit(finish())
